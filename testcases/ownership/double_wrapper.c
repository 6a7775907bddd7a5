/*
 * gup/double-release through a release wrapper of the file: the pages
 * released by the wrapper on an error branch and again at the label it
 * jumps to (shaped after sev.c's sev_unpin_memory()), or by the API and
 * then the wrapper.  The summaries confirm that the wrapper releases what
 * it is given and nothing else; a helper that only reads the pages is no
 * release.
 */
#include "api.h"
int issue(struct page **pages, unsigned long n);

static void put_all(struct page **pages, unsigned long n)
{
	unpin_user_pages(pages, n);
}

static void touch(struct page **pages, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		if (!pages[i])
			return;
}

int twice_wrapper(unsigned long addr, unsigned long n, struct page **pages)
{
	long got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	int ret;

	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -14;
	}
	ret = issue(pages, n);
	if (ret) {
		put_all(pages, n);
		goto out;
	}
	return 0;
out:
	put_all(pages, n);
	return ret;
}

int twice_api_then_wrapper(unsigned long addr, unsigned long n,
			   struct page **pages)
{
	long got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	int ret;

	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -14;
	}
	ret = issue(pages, n);
	if (ret) {
		unpin_user_pages(pages, n);
		goto out;
	}
	return 0;
out:
	put_all(pages, n);
	return ret;
}

int once_right(unsigned long addr, unsigned long n, struct page **pages)
{
	long got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	int ret;

	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -14;
	}
	touch(pages, n);
	ret = issue(pages, n);
	if (ret)
		goto out;
	touch(pages, n);
	return 0;
out:
	put_all(pages, n);
	return ret;
}

/*
 * check-name: a release wrapper of the file called twice on one path is a double release; a reader is not
 * check-exit-value: 1
 *
 * check-output-start
double_wrapper.c:43:2: warning: the pages pin_user_pages_fast() took at line 28 are released a second time here: this path released them at line 38 already [gup/double-release]
double_wrapper.c:65:2: warning: the pages pin_user_pages_fast() took at line 50 are released a second time here: this path released them at line 60 already [gup/double-release]
 * check-output-end
 */
