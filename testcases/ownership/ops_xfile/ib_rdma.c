/* ... which keeps the scatterlist and put_page()s its pages at teardown. */
#include "xport.h"

static void ib_map(struct ib_mr *ibmr, struct scatterlist *sg,
		   unsigned int nents)
{
	ibmr->sg = sg;
	ibmr->sg_len = nents;
}

void *ib_get_mr(struct scatterlist *sg, unsigned long nents, void *sock)
{
	struct ib_mr *ibmr = kzalloc(sizeof(*ibmr), 0);

	(void)sock;
	if (!ibmr)
		return NULL;
	ib_map(ibmr, sg, nents);
	return ibmr;
}

void ib_free_mr(void *mr)
{
	struct ib_mr *ibmr = mr;
	unsigned int i;

	for (i = 0; i < ibmr->sg_len; i++) {
		struct page *page = sg_page(&ibmr->sg[i]);

		put_page(page);
	}
	kfree(ibmr->sg);
	kfree(ibmr);
}

/*
 * check-name: pinned pages handed through an ops table's get_mr to another file, put_page()d at teardown (net/rds, 6.1)
 * check-command: scan --engine clang --external --tree . .
 * check-exit-value: 1
 *
 * check-output-start
ib_rdma.c:30:3: warning: ib_free_mr() releases pages pinned by pin_user_pages_fast() (rdma.c:11) with put_page(), as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
 * check-output-end
 *
 * check-patch-start
diff --git a/ib_rdma.c b/ib_rdma.c
--- a/ib_rdma.c
+++ b/ib_rdma.c
@@ -27,7 +27,7 @@
 	for (i = 0; i < ibmr->sg_len; i++) {
 		struct page *page = sg_page(&ibmr->sg[i]);
 
-		put_page(page);
+		unpin_user_page(page);
 	}
 	kfree(ibmr->sg);
 	kfree(ibmr);
 * check-patch-end
 *
 * check-json: findings.0.evidence.0.file = "rdma.c"
 * check-json: findings.0.evidence.0.line = 11
 * check-json: coverage.ops_calls.resolved = 1
 */
