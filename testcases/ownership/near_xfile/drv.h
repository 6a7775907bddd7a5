/* A driver's own header: its helpers, declared for its other files. */
#include "../api.h"

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline int IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-4095;
}

struct page **drv_pin_buf(unsigned long uaddr, int len, int *npages);
void drv_unmap_buf(struct page **pages, int npages);
