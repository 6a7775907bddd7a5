/* A driver's release helper, right for the pages it was written for. */
#include "api.h"

static void drop_pages(struct page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++)
		put_page(pages[i]);
}

int do_get(unsigned long addr, struct page **pages)
{
	int n = get_user_pages_fast(addr, 4, 0, pages);

	if (n > 0)
		drop_pages(pages, n);
	return n;
}

int do_pin(unsigned long addr, struct page **pages)
{
	int n = pin_user_pages_fast(addr, 4, FOLL_WRITE, pages);

	if (n > 0)
		drop_pages(pages, n);
	return n;
}

/*
 * check-name: a put_page() helper used for got pages (right) and pinned ones (wrong)
 * check-exit-value: 1
 *
 * check-output-start
wrapper_release.c:26:3: warning: do_pin() releases pages pinned by pin_user_pages_fast() (wrapper_release.c:23) by way of wrapper_release.c:drop_pages(), which releases them with put_page() at wrapper_release.c:9, as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
 * check-output-end
 *
 * check-json: findings.0.evidence.1.line = 26
 * check-json: findings.0.evidence.2.line = 9
 * check-json: findings.0.function = "do_pin"
 */
