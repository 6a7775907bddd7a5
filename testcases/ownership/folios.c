/*
 * The folio side of the API (6.12): memfd_pin_folios() pins folios, as
 * drivers/dma-buf/udmabuf.c does, and they must be released with
 * unpin_folio() or unpin_folios(), not folio_put(); unpin_user_folio()
 * drops pins (io_uring/rsrc.c, block/bio.c) and is no release for pages
 * from get_user_pages*().  Neither has a patch: which release is right is
 * for the author to say.
 */
#include "api.h"

struct file;
long memfd_pin_folios(struct file *memfd, long long start, long long end,
		      struct folio **folios, unsigned int max_folios,
		      unsigned long *offset);
void unpin_folio(struct folio *folio);
void unpin_folios(struct folio **folios, unsigned long nfolios);
void unpin_user_folio(struct folio *folio, unsigned long npages);
void folio_put(struct folio *folio);
unsigned long _compound_head(const struct page *page);
#define page_folio(p) ((struct folio *)_compound_head(p))

/* pinned folios put as if referenced */
long memfd_put(struct file *memfd, struct folio **folios, unsigned int n)
{
	unsigned long off;
	long got, i;

	got = memfd_pin_folios(memfd, 0, 4095, folios, n, &off);
	if (got <= 0)
		return got;
	for (i = 0; i < got; i++)
		folio_put(folios[i]);
	return 0;
}

/* right: unpinned */
long memfd_unpin(struct file *memfd, struct folio **folios, unsigned int n)
{
	unsigned long off;
	long got;

	got = memfd_pin_folios(memfd, 0, 4095, folios, n, &off);
	if (got <= 0)
		return got;
	unpin_folios(folios, got);
	return 0;
}

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
 * check-name: memfd_pin_folios() pins, unpin_user_folio() unpins; page_folio() is the page's folio
 * check-exit-value: 1
 * expect: gup/pin-put-mismatch at 32 (folio_put() of pinned folios) and gup/get-unpin-mismatch at 58 (unpin_user_folio() of referenced pages, through page_folio()); none in memfd_unpin() or pin_then_unpin_folio()
 *
 * check-output-start
folios.c:32:3: warning: memfd_put() releases pages pinned by memfd_pin_folios() (folios.c:28) with folio_put(), as if they held references; pinned folios must be released with unpin_folio(), unpin_folios() or unpin_user_folio() [gup/pin-put-mismatch]
folios.c:58:3: warning: get_then_unpin_folio() unpins pages that hold references from get_user_pages_fast() (folios.c:54) with unpin_user_folio(); they were not pinned: release them with put_page() or release_pages(), or take them with pin_user_pages*() [gup/get-unpin-mismatch]
 * check-output-end
 */
