/* Pinned pages go into a driver's scatterlist... */
#include "../api.h"
struct xfer {
	struct scatterlist sgl[16];
	int nents;
};

int xfer_map(struct xfer *x, unsigned long addr, int n)
{
	struct page *pages[16];
	int i, got = pin_user_pages_fast(addr, n, FOLL_WRITE | FOLL_LONGTERM,
					 pages);

	if (got < 0)
		return got;
	for (i = 0; i < got; i++)
		sg_set_page(&x->sgl[i], pages[i], 4096, 0);
	x->nents = got;
	return 0;
}

void xfer_unmap(struct xfer *x)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(x->sgl, sg, x->nents, i)
		put_page(sg_page(sg));
}

/*
 * check-name: pinned pages set into a scatterlist and put_page()d from it with for_each_sg()
 * check-exit-value: 1
 *
 * check-output-start
pin.c:28:3: warning: xfer_unmap() releases pages pinned by pin_user_pages_fast() (pin.c:11) with put_page(), as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
 * check-output-end
 *
 * check-patch-start
diff --git a/pin.c b/pin.c
--- a/pin.c
+++ b/pin.c
@@ -25,7 +25,7 @@
 	int i;
 
 	for_each_sg(x->sgl, sg, x->nents, i)
-		put_page(sg_page(sg));
+		unpin_user_page(sg_page(sg));
 }
 
 /*
 * check-patch-end
 *
 * check-json: findings.0.evidence.0.line = 11
 */
