/*
 * Leaks after a full pin: every page asked for was pinned, then a later
 * step fails, and the pages stay pinned on the way out.
 */
#include "api.h"

#define ENOMEM 12
#define EFAULT 14
#define GFP_KERNEL 0

void *kvmalloc_array(unsigned long n, unsigned long size, int flags);
void kvfree(const void *p);
int map_them(struct page **pages, int n);
void *get_buffer(int n);
int hand_to_table(void *table, struct page **pages, int n);

/* the mapping fails: an error return with the pages still pinned */
int map_leaks(unsigned long addr, int n)
{
	struct page **pages;
	int ret;

	pages = kvmalloc_array(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (ret != n) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		ret = -EFAULT;
		goto out;
	}
	ret = map_them(pages, n);
	if (ret)
		goto out;
	return 0;
out:
	kvfree(pages);
	return ret;
}

/* the same, unpinning on the failure: right */
int map_right(unsigned long addr, int n)
{
	struct page **pages;
	int ret;

	pages = kvmalloc_array(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (ret != n) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		ret = -EFAULT;
		goto out;
	}
	ret = map_them(pages, n);
	if (ret)
		unpin_user_pages(pages, n);
out:
	kvfree(pages);
	return ret;
}

/* a later allocation fails: the error return leaves them pinned */
int buffer_leaks(unsigned long addr, int n, void **bufp)
{
	struct page *pages[16];
	void *buf;
	int ret;

	ret = pin_user_pages_fast(addr, 16, FOLL_WRITE, pages);
	if (ret < 16) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		return -EFAULT;
	}
	buf = get_buffer(n);
	if (!buf)
		return -ENOMEM;
	*bufp = buf;
	return hand_to_table(buf, pages, 16);
}

/* the table took the pages: its failure is tested, and they are unpinned */
int table_right(unsigned long addr, int n, void *table)
{
	struct page *pages[16];
	int ret;

	ret = pin_user_pages_fast(addr, 16, FOLL_WRITE, pages);
	if (ret < 16) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		return -EFAULT;
	}
	ret = hand_to_table(table, pages, 16);
	if (ret < 0) {
		unpin_user_pages(pages, 16);
		return ret;
	}
	if (n > 4)
		return -ENOMEM;		/* the table has them now */
	return 0;
}

/*
 * check-name: pages pinned in full leak when a later step fails; unpinned or handed on, they do not
 * check-exit-value: 1
 * expect: gup/leak at 38 (map_them() failed: the array is freed with its pages pinned) and at 81 (get_buffer() failed: the error return leaves them pinned)
 *
 * check-output-start
full_pin_leak.c:38:2: warning: map_leaks() frees pages while the pages pin_user_pages_fast() took at line 26 are still pinned: nothing on the way here releases them or hands them on; release them first [gup/leak]
full_pin_leak.c:81:3: warning: buffer_leaks() returns an error here while the pages pin_user_pages_fast() took into pages at line 73 are still pinned: nothing on this path releases them or hands them on [gup/leak]
 * check-output-end
 */
