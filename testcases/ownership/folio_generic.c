/*
 * 6.12's page_folio() is a _Generic selection (include/linux/page-flags.h:
 * a const and a plain cast of _compound_head()); the pages go through
 * the association it chooses, as through the plain cast of 6.1.
 */
#include "api.h"

void unpin_user_folio(struct folio *folio, unsigned long npages);
void folio_put(struct folio *folio);
unsigned long _compound_head(const struct page *page);
#define page_folio(p)	(_Generic((p),					\
	const struct page *:	(const struct folio *)_compound_head(p),	\
	struct page *:		(struct folio *)_compound_head(p)))

/* referenced pages unpinned folio by folio */
int get_then_unpin_folio(unsigned long addr, struct page **pages, int n)
{
	int got, i;

	got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (got <= 0)
		return got;
	for (i = 0; i < got; i++)
		unpin_user_folio(page_folio(pages[i]), 1);
	return 0;
}

/* pinned pages put folio by folio */
int pin_then_put_folio(unsigned long addr, struct page **pages, int n)
{
	int got, i;

	got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (got <= 0)
		return got;
	for (i = 0; i < got; i++)
		folio_put(page_folio(pages[i]));
	return 0;
}

/* right: pinned pages unpinned folio by folio */
int pin_then_unpin_folio(unsigned long addr, struct page **pages, int n)
{
	int got, i;

	got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (got <= 0)
		return got;
	for (i = 0; i < got; i++)
		unpin_user_folio(page_folio(pages[i]), 1);
	return 0;
}

/*
 * check-name: page_folio() as a _Generic selection (6.12) passes the page through
 * check-exit-value: 1
 * expect: gup/get-unpin-mismatch at 24 and gup/pin-put-mismatch at 37, each through page_folio(); none in pin_then_unpin_folio()
 *
 * check-output-start
folio_generic.c:24:3: warning: get_then_unpin_folio() unpins pages that hold references from get_user_pages_fast() (folio_generic.c:20) with unpin_user_folio(); they were not pinned: release them with put_page() or release_pages(), or take them with pin_user_pages*() [gup/get-unpin-mismatch]
folio_generic.c:37:3: warning: pin_then_put_folio() releases pages pinned by pin_user_pages_fast() (folio_generic.c:33) with folio_put(), as if they held references; pinned folios must be released with unpin_folio(), unpin_folios() or unpin_user_folio() [gup/pin-put-mismatch]
 * check-output-end
 */
