/* ... and put_page()d from it in another. */
#include "dev.h"

void mydev_release(struct mydev *d)
{
	int i;

	for (i = 0; i < d->npages; i++) {
		set_page_dirty_lock(d->pages[i]);
		put_page(d->pages[i]);
	}
}

/*
 * check-name: pages pinned into a struct field in one file and put_page()d in another
 * check-command: scan --engine clang --external --tree . .
 * check-exit-value: 1
 *
 * check-output-start
release.c:10:3: warning: mydev_release() releases pages pinned by pin_user_pages_fast() (pin.c:6) with put_page(), as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
 * check-output-end
 *
 * check-patch-start
diff --git a/release.c b/release.c
--- a/release.c
+++ b/release.c
@@ -5,10 +5,7 @@
 {
 	int i;
 
-	for (i = 0; i < d->npages; i++) {
-		set_page_dirty_lock(d->pages[i]);
-		put_page(d->pages[i]);
-	}
+	unpin_user_pages_dirty_lock(d->pages, d->npages, true);
 }
 
 /*
 * check-patch-end
 *
 * check-json: findings.0.evidence.0.file = "pin.c"
 * check-json: findings.0.evidence.0.line = 6
 * check-json: findings.0.evidence.1.file = "release.c"
 */
