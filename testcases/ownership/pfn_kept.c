/*
 * Shaped after drivers/gpu/drm/vmwgfx/vmwgfx_msg.c of 6.12: pinned
 * pages are kept as their pfns in a descriptor, and the cleanup unpins
 * pfn_to_page() of each.  With SPARSEMEM_VMEMMAP (x86_64) the macros
 * are (unsigned long)((page) - vmemmap) and (vmemmap + (pfn)): the
 * number stands for the page, and the pages are followed through it.
 */
#include "api.h"

struct page {
	unsigned long flags;
};

extern unsigned long vmemmap_base;
#define vmemmap ((struct page *)vmemmap_base)
#define pfn_to_page(pfn)	(vmemmap + (pfn))
#define page_to_pfn(page)	(unsigned long)((page) - vmemmap)

typedef unsigned long long u64;

struct desc {
	u64 ppns[8];
	u64 resv;
};

void desc_cleanup(struct desc *d)
{
	int i;

	for (i = 0; i < 8 && d->ppns[i]; i++)
		put_page(pfn_to_page(d->ppns[i]));
}

int desc_fill(struct desc *d, unsigned long uaddr, struct page **pages)
{
	int got, i;

	got = pin_user_pages_fast(uaddr, 8, FOLL_WRITE, pages);
	if (got != 8) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -14;
	}
	for (i = 0; i < 8; i++)
		d->ppns[i] = page_to_pfn(pages[i]);
	return 0;
}

/* right: a number that no page was kept in */
void desc_drop_resv(struct desc *d)
{
	put_page(pfn_to_page(d->resv));
}

/* right: a pointer comparison is no page number */
int desc_below(struct page *p)
{
	return p < vmemmap;
}

/*
 * check-name: pages kept as their pfns are followed through the number
 * check-exit-value: 1
 * expect: gup/pin-put-mismatch at 31 (put_page() of pfn_to_page() of a pinned page's pfn), patched to unpin_user_page(); none in desc_drop_resv() (a number no page was kept in) or desc_below()
 *
 * check-output-start
pfn_kept.c:31:3: warning: desc_cleanup() releases pages pinned by pin_user_pages_fast() (pfn_kept.c:38) with put_page(), as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
 * check-output-end
 *
 * check-patch-start
diff --git a/pfn_kept.c b/pfn_kept.c
--- a/pfn_kept.c
+++ b/pfn_kept.c
@@ -28,7 +28,7 @@
 	int i;
 
 	for (i = 0; i < 8 && d->ppns[i]; i++)
-		put_page(pfn_to_page(d->ppns[i]));
+		unpin_user_page(pfn_to_page(d->ppns[i]));
 }
 
 int desc_fill(struct desc *d, unsigned long uaddr, struct page **pages)
 * check-patch-end
 */
