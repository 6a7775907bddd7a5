/*
 * Shaped after sev_launch_update_data() in arch/x86/kvm/svm/sev.c: the
 * physical address of a pinned page is written into a command block on
 * the stack (data.address), and the pages are passed to several helpers
 * of the file that only read them.  Neither hands the pins on: an error
 * return without the unpin leaks them.  More helpers than a path keeps
 * (sixteen) would stop the path rather than be guessed.
 */
#include "api.h"
unsigned long page_to_phys(struct page *page);

struct cmd {
	unsigned long address;
	unsigned long len;
};

int issue(struct cmd *c);

static void flush(struct page **pages, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		page_to_phys(pages[i]);
}

static unsigned long contig(struct page **pages, unsigned long i,
			    unsigned long n)
{
	return pages[i] && i < n ? 1 : 0;
}

int update_leak(unsigned long addr, unsigned long n, struct page **pages)
{
	struct cmd data;
	unsigned long i;
	long got;
	int ret = 0;

	got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -14;
	}
	flush(pages, n);
	for (i = 0; i < n; i += contig(pages, i, n)) {
		data.address = page_to_phys(pages[i]);
		data.len = 4096;
		ret = issue(&data);
		if (ret)
			return ret;
	}
	unpin_user_pages(pages, n);
	return 0;
}

int update_right(unsigned long addr, unsigned long n, struct page **pages)
{
	struct cmd data;
	unsigned long i;
	long got;
	int ret = 0;

	got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -14;
	}
	flush(pages, n);
	for (i = 0; i < n; i += contig(pages, i, n)) {
		data.address = page_to_phys(pages[i]);
		data.len = 4096;
		ret = issue(&data);
		if (ret)
			goto out;
	}
out:
	unpin_user_pages(pages, n);
	return ret;
}

/*
 * check-name: an address of the pages in a struct on the stack, and helpers that read them, hand nothing on
 * check-exit-value: 1
 *
 * check-output-start
stack_store.c:52:4: warning: update_leak() returns an error here while the pages pin_user_pages_fast() took into pages at line 40 are still pinned: nothing on this path releases them or hands them on [gup/leak]
 * check-output-end
 */
