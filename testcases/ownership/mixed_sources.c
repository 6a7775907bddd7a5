/* A page array filled by GUP or by the allocator: the release must choose. */
#include "api.h"

struct buf {
	struct page **pages;
	int n;
	int user;
};

int buf_fill(struct buf *b, unsigned long addr)
{
	int i;

	if (addr)
		return pin_user_pages_fast(addr, b->n, FOLL_WRITE, b->pages);
	for (i = 0; i < b->n; i++)
		b->pages[i] = alloc_page(0);
	return b->n;
}

void buf_free(struct buf *b)
{
	int i;

	for (i = 0; i < b->n; i++)
		put_page(b->pages[i]);
}

/*
 * check-name: a field that also holds allocated pages is not judged
 *
 * check-output-start
 * check-output-end
 */
