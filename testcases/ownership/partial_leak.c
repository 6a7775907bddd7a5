/* The classic partial pin. */
#include "api.h"

int leaky(unsigned long addr, int n, struct page **pages)
{
	int ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (ret != n)
		return -14;
	return 0;
}

int right(unsigned long addr, int n, struct page **pages)
{
	int ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (ret != n) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		return -14;
	}
	return 0;
}

int over(unsigned long addr, int n, struct page **pages)
{
	int ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (ret < n) {
		if (ret > 0)
			unpin_user_pages(pages, n);
		return -14;
	}
	return 0;
}

/*
 * check-name: a short pin left pinned, released right, and over-released
 * check-exit-value: 1
 *
 * check-output-start
partial_leak.c:9:3: warning: when pin_user_pages_fast() takes fewer pages than the n asked for, this path returns without releasing the ret it took: they stay pinned [gup/leak]
partial_leak.c:31:4: warning: after pin_user_pages_fast() took fewer pages than the n asked for, n pages are released, not the ret it took: the pages it did not take are released too [gup/leak]
 * check-output-end
 */
