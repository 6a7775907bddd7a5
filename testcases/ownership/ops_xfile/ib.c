/* ... which one file's table sets to the InfiniBand transport's ... */
#include "xport.h"

struct xport ib_xport = {
	.get_mr = ib_get_mr,
	.free_mr = ib_free_mr,
};
