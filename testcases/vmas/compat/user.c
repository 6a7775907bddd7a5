/*
 * This file never names get_user_pages(); only compat.h does, inside a
 * macro.  A directory scan still parses it: the prefilter learns the
 * macro's name from the header.
 */
#include "compat.h"

long pin_buffer(unsigned long start, struct page **pages)
{
	return compat_gup(start, 4, 0, pages);
}

/*
 * check-name: a macro wrapper in a header is learned by the prefilter
 * check-command: scan --external --tree . .
 * check-exit-value: 1
 *
 * check-output-start
user.c:10:9: warning: get_user_pages() is passed a NULL vmas argument; Linux 6.5 removed the parameter, drop the argument [gup/vmas-param]
 * check-output-end
 *
 * check-patch-start
diff --git a/compat.h b/compat.h
--- a/compat.h
+++ b/compat.h
@@ -8,4 +8,4 @@
 		    struct vm_area_struct **vmas);
 
 #define compat_gup(start, nr, flags, pages) \
-	get_user_pages(start, nr, flags, pages, NULL)
+	get_user_pages(start, nr, flags, pages)
 * check-patch-end
 *
 * check-json: coverage.candidates = 1
 */
