/*
 * A call made through a macro: reported where the macro is used, and the
 * patch edits the macro's body, once for both uses.
 */
#define NULL ((void *)0)
struct page;
struct vm_area_struct;

long get_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages,
		    struct vm_area_struct **vmas);

#define GRAB_ONE(addr, pages) get_user_pages(addr, 1, 0, pages, NULL)

long grab_two(unsigned long a, unsigned long b, struct page **pages)
{
	long ret = GRAB_ONE(a, pages);

	if (ret < 0)
		return ret;
	return GRAB_ONE(b, pages + 1);
}

/*
 * check-name: a call through a macro is reported at each use, patched once
 * check-exit-value: 1
 *
 * check-output-start
macro_call.c:17:13: warning: get_user_pages() is passed a NULL vmas argument; Linux 6.5 removed the parameter, drop the argument [gup/vmas-param]
macro_call.c:21:9: warning: get_user_pages() is passed a NULL vmas argument; Linux 6.5 removed the parameter, drop the argument [gup/vmas-param]
 * check-output-end
 *
 * check-patch-start
diff --git a/macro_call.c b/macro_call.c
--- a/macro_call.c
+++ b/macro_call.c
@@ -10,7 +10,7 @@
 		    unsigned int gup_flags, struct page **pages,
 		    struct vm_area_struct **vmas);
 
-#define GRAB_ONE(addr, pages) get_user_pages(addr, 1, 0, pages, NULL)
+#define GRAB_ONE(addr, pages) get_user_pages(addr, 1, 0, pages)
 
 long grab_two(unsigned long a, unsigned long b, struct page **pages)
 {
 * check-patch-end
 */
