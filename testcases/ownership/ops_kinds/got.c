/* ... the referenced kind: get_user_pages_fast() and put_page()... */
#include "buf.h"

int ubuf_get_fill(struct ubuf *b, unsigned long addr, int n)
{
	int ret = get_user_pages_fast(addr, n, FOLL_WRITE, b->pages);

	if (ret < 0)
		return ret;
	b->npages = ret;
	return 0;
}

void ubuf_get_drop(struct ubuf *b)
{
	int i;

	for (i = 0; i < b->npages; i++)
		put_page(b->pages[i]);
}

const struct ubuf_ops ubuf_get_ops = {
	.fill = ubuf_get_fill,
	.drop = ubuf_get_drop,
};
