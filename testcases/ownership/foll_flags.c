/* FOLL_GET and FOLL_PIN passed by hand. */
#include "api.h"

long one(unsigned long addr, struct page **p)
{
	return get_user_pages(addr, 1, FOLL_WRITE | FOLL_GET, p);
}

long two(unsigned long addr, struct page **p)
{
	unsigned int flags = FOLL_GET;

	return get_user_pages(addr, 1, flags, p);
}

long three(unsigned long addr, struct page **p)
{
	return get_user_pages(addr, 1, FOLL_PIN, p);
}

long fine(unsigned long addr, struct page **p)
{
	return pin_user_pages(addr, 1, FOLL_WRITE | FOLL_LONGTERM, p);
}

/*
 * check-name: FOLL_GET and FOLL_PIN at call sites; the redundant one is dropped
 * check-exit-value: 1
 *
 * check-output-start
foll_flags.c:6:9: warning: FOLL_GET is passed by hand to get_user_pages(), which sets FOLL_GET itself; FOLL_PIN and FOLL_GET belong to the GUP core and must not appear at call sites [gup/foll-flags]
foll_flags.c:13:9: warning: FOLL_GET is passed by hand to get_user_pages(), which sets FOLL_GET itself; FOLL_PIN and FOLL_GET belong to the GUP core and must not appear at call sites [gup/foll-flags]
foll_flags.c:18:9: warning: FOLL_PIN is passed by hand to get_user_pages(), which sets FOLL_GET itself; FOLL_PIN and FOLL_GET belong to the GUP core and must not appear at call sites; this one changes how the pages are held, so the release must match: choose the function of that family instead [gup/foll-flags]
 * check-output-end
 *
 * check-patch-start
diff --git a/foll_flags.c b/foll_flags.c
--- a/foll_flags.c
+++ b/foll_flags.c
@@ -3,12 +3,12 @@
 
 long one(unsigned long addr, struct page **p)
 {
-	return get_user_pages(addr, 1, FOLL_WRITE | FOLL_GET, p);
+	return get_user_pages(addr, 1, FOLL_WRITE, p);
 }
 
 long two(unsigned long addr, struct page **p)
 {
-	unsigned int flags = FOLL_GET;
+	unsigned int flags = 0;
 
 	return get_user_pages(addr, 1, flags, p);
 }
 * check-patch-end
 */
