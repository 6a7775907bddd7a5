#include "../api.h"
/* One object, two kinds of buffer: each ops instance pairs its own fill and drop. */
struct ubuf;
struct ubuf_ops {
	int (*fill)(struct ubuf *b, unsigned long addr, int n);
	void (*drop)(struct ubuf *b);
};

struct ubuf {
	const struct ubuf_ops *ops;
	struct page **pages;
	int npages;
};

int ubuf_pin_fill(struct ubuf *b, unsigned long addr, int n);
void ubuf_pin_drop(struct ubuf *b);
int ubuf_get_fill(struct ubuf *b, unsigned long addr, int n);
void ubuf_get_drop(struct ubuf *b);
