/*
 * Shaped after io_pin_pages() in io_uring/memmap.c: a helper of the
 * driver pins a user buffer into an array it allocates and returns it.
 */
#include "drv.h"

void *kvmalloc_array(unsigned long n, unsigned long size, int flags);
void kvfree(const void *p);

struct page **drv_pin_buf(unsigned long uaddr, int len, int *npages)
{
	int nr = len >> 12;
	struct page **pages = kvmalloc_array(nr, sizeof(*pages), 0);
	int ret;

	if (!pages)
		return ERR_PTR(-12);
	ret = pin_user_pages_fast(uaddr, nr, 1, pages);
	if (ret != nr) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		kvfree(pages);
		return ERR_PTR(-14);
	}
	*npages = nr;
	return pages;
}

/* the caller's pages, looked at and nothing kept */
void drv_unmap_buf(struct page **pages, int npages)
{
	(void)pages;
	(void)npages;
}
