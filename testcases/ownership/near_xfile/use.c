/*
 * Shaped after io_pin_pbuf_ring() in io_uring/kbuf.c: the pages come
 * from the driver's helper in another file (pin.c), which pins them.
 * Scanned alone, this file is judged with what pin.c does: gupcheck
 * reads the other files of the directory that define the helpers the
 * pages come from.
 */
#include "drv.h"

void kvfree(const void *p);
int setup(struct page **pages, int n);

int use_buf(unsigned long uaddr, int len)
{
	struct page **pages;
	int nr, i, ret;

	pages = drv_pin_buf(uaddr, len, &nr);
	if (IS_ERR(pages))
		return PTR_ERR(pages);
	drv_unmap_buf(pages, nr);
	ret = setup(pages, nr);
	for (i = 0; i < nr; i++)
		put_page(pages[i]);
	kvfree(pages);
	return ret;
}

/*
 * check-name: pages a helper of another file of the driver pins, put_page()d when one file is scanned alone
 * check-command: scan --engine clang --external --tree . use.c
 * check-exit-value: 1
 *
 * check-output-start
use.c:24:3: warning: use_buf() releases pages pinned by pin_user_pages_fast() (pin.c:18) with put_page(), as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
 * check-output-end
 *
 * check-patch-start
diff --git a/use.c b/use.c
--- a/use.c
+++ b/use.c
@@ -20,8 +20,7 @@
 		return PTR_ERR(pages);
 	drv_unmap_buf(pages, nr);
 	ret = setup(pages, nr);
-	for (i = 0; i < nr; i++)
-		put_page(pages[i]);
+	unpin_user_pages(pages, nr);
 	kvfree(pages);
 	return ret;
 }
 * check-patch-end
 *
 * check-json: findings.0.evidence.1.file = "pin.c"
 * check-json: coverage.parsed_clean = 2
 */
