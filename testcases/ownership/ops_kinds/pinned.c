/* The pinned kind: pin_user_pages_fast() and unpin_user_pages()... */
#include "buf.h"

int ubuf_pin_fill(struct ubuf *b, unsigned long addr, int n)
{
	int ret = pin_user_pages_fast(addr, n, FOLL_WRITE, b->pages);

	if (ret < 0)
		return ret;
	b->npages = ret;
	return 0;
}

void ubuf_pin_drop(struct ubuf *b)
{
	unpin_user_pages(b->pages, b->npages);
}

const struct ubuf_ops ubuf_pin_ops = {
	.fill = ubuf_pin_fill,
	.drop = ubuf_pin_drop,
};
