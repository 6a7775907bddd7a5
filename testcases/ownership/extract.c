/* iov_iter_extract_pages() pins only user-backed iterators. */
#include "api.h"

ssize_t grab_any(struct iov_iter *iter, struct page **pages)
{
	size_t off;
	ssize_t n = iov_iter_extract_pages(iter, &pages, 4096, 1, 0, &off);

	if (n <= 0)
		return n;
	/* ... */
	unpin_user_page(pages[0]);
	return n;
}

ssize_t grab_checked(struct iov_iter *iter, struct page **pages)
{
	size_t off;
	ssize_t n = iov_iter_extract_pages(iter, &pages, 4096, 1, 0, &off);

	if (n <= 0)
		return n;
	if (iov_iter_extract_will_pin(iter))
		unpin_user_page(pages[0]);
	return n;
}

/*
 * check-name: an unconditional unpin of extracted pages is reported, a guarded one is not
 * check-exit-value: 1
 *
 * check-output-start
extract.c:12:2: warning: grab_any() releases pages from iov_iter_extract_pages() (extract.c:7) with unpin_user_page() without asking iov_iter_extract_will_pin(); kvec and bvec iterators take no reference, so release only when it is true, with unpin_user_page() [gup/extract-release]
 * check-output-end
 */
