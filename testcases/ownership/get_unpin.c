/* Pages got with get_user_pages_fast() and released as pins. */
#include "api.h"

int read_user(unsigned long addr, int n, struct page **pages)
{
	int got = get_user_pages_fast(addr, n, 0, pages);

	if (got <= 0)
		return got;
	/* ... */
	unpin_user_pages(pages, got);
	return 0;
}

/*
 * check-name: pages from get_user_pages_fast() released with unpin_user_pages()
 * check-exit-value: 1
 *
 * check-output-start
get_unpin.c:11:2: warning: read_user() unpins pages that hold references from get_user_pages_fast() (get_unpin.c:6) with unpin_user_pages(); they were not pinned: release them with put_page() or release_pages(), or take them with pin_user_pages*() [gup/get-unpin-mismatch]
 * check-output-end
 *
 * check-patch-start
diff --git a/get_unpin.c b/get_unpin.c
--- a/get_unpin.c
+++ b/get_unpin.c
@@ -8,7 +8,7 @@
 	if (got <= 0)
 		return got;
 	/* ... */
-	unpin_user_pages(pages, got);
+	release_pages(pages, got);
 	return 0;
 }
 
 * check-patch-end
 */
