/*
 * A helper that releases a part of the array it is given is no release
 * of all of it.  Shaped after io_uring/rsrc.c of 6.12: the coalescing
 * helper drops the extra pins of each folio (unpin_user_pages() of
 * &page_array[1]) and keeps one page per folio, which the caller
 * unpins on its error path; that is not a double release.  A helper that
 * unpins the whole array (&pages[0] is all of it) before the caller
 * does again still is one.
 */
#include "api.h"
int issue(struct page **pages, unsigned long n);
void *kvmalloc_array(unsigned long n, unsigned long size, unsigned int flags);
void kvfree(const void *p);

static struct page **pin_all(unsigned long addr, int n, int *nr)
{
	struct page **pages = kvmalloc_array(n, sizeof(*pages), 0);
	int got;

	if (!pages)
		return 0;
	got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		kvfree(pages);
		return 0;
	}
	*nr = got;
	return pages;
}

static int drop_tails(struct page ***pages, int *nr)
{
	struct page **arr = *pages;

	if (*nr <= 1)
		return 0;
	unpin_user_pages(&arr[1], *nr - 1);
	*nr = 1;
	return 1;
}

static int drop_rest(struct page ***pages, int *nr)
{
	struct page **arr = *pages;

	if (*nr <= 1)
		return 0;
	unpin_user_pages(arr + 1, *nr - 1);
	*nr = 1;
	return 1;
}

static int drop_all(struct page ***pages, int *nr)
{
	struct page **arr = *pages;

	unpin_user_pages(&arr[0], *nr);
	return 1;
}

/* right: the helper releases the tails, the caller the head */
int keep_head(unsigned long addr, int n)
{
	struct page **pages;
	int ret, i, nr, coalesced;
	void *buf;

	pages = pin_all(addr, n, &nr);
	if (!pages)
		return -14;
	coalesced = drop_tails(&pages, &nr);
	ret = -12;
	buf = kvmalloc_array(nr, 8, 0);
	if (!buf)
		goto done;
	ret = issue(pages, nr + coalesced);
done:
	if (ret) {
		kvfree(buf);
		for (i = 0; i < nr; i++)
			unpin_user_page(pages[i]);
	}
	kvfree(pages);
	return ret;
}

/* right: as keep_head(), the tails by pointer arithmetic */
int keep_head2(unsigned long addr, int n)
{
	struct page **pages;
	int ret, i, nr, coalesced;
	void *buf;

	pages = pin_all(addr, n, &nr);
	if (!pages)
		return -14;
	coalesced = drop_rest(&pages, &nr);
	ret = -12;
	buf = kvmalloc_array(nr, 8, 0);
	if (!buf)
		goto done;
	ret = issue(pages, nr + coalesced);
done:
	if (ret) {
		kvfree(buf);
		for (i = 0; i < nr; i++)
			unpin_user_page(pages[i]);
	}
	kvfree(pages);
	return ret;
}

/* the helper releases them all, and the caller again */
int all_twice(unsigned long addr, int n)
{
	struct page **pages;
	int ret, i, nr, coalesced;
	void *buf;

	pages = pin_all(addr, n, &nr);
	if (!pages)
		return -14;
	coalesced = drop_all(&pages, &nr);
	ret = -12;
	buf = kvmalloc_array(nr, 8, 0);
	if (!buf)
		goto done;
	ret = issue(pages, nr + coalesced);
done:
	if (ret) {
		kvfree(buf);
		for (i = 0; i < nr; i++)
			unpin_user_page(pages[i]);
	}
	kvfree(pages);
	return ret;
}

/* the helper released the tails only: the head leaks on the error path */
int keep_head_leak(unsigned long addr, int n)
{
	struct page **pages;
	int ret, nr, coalesced;
	void *buf;

	pages = pin_all(addr, n, &nr);
	if (!pages)
		return -14;
	coalesced = drop_tails(&pages, &nr);
	ret = -12;
	buf = kvmalloc_array(nr, 8, 0);
	if (!buf)
		goto done;
	ret = issue(pages, nr + coalesced);
	if (!ret)
		return 0;
	kvfree(buf);
done:
	kvfree(pages);
	return ret;
}

/*
 * check-name: a helper that releases a part of the array is no release of all of it
 * check-exit-value: 1
 * expect: gup/double-release at 135 (drop_all() unpins &pages[0], all of them); gup/leak at 161 (drop_tails() released a part, so the pages are still the caller's); none in keep_head() or keep_head2() (&arr[1], arr + 1: a part)
 *
 * check-output-start
double_part.c:135:4: warning: the pages pin_all() took at line 122 are released a second time here: this path released them at line 125 already [gup/double-release]
double_part.c:161:2: warning: keep_head_leak() frees pages while the pages pin_all() took at line 148 are still pinned: nothing on the way here releases them or hands them on; release them first [gup/leak]
 * check-output-end
 */
