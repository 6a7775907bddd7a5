/* get_user_pages() with a NULL vmas: the 6.1 API, fixed by dropping it. */
#define NULL ((void *)0)
struct page;
struct vm_area_struct;

long get_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages,
		    struct vm_area_struct **vmas);

long grab(unsigned long addr, struct page **pages)
{
	return get_user_pages(addr, 1, 0, pages, NULL);
}

/*
 * check-name: a NULL vmas argument is reported and dropped
 * check-exit-value: 1
 *
 * check-output-start
null_gup.c:12:9: warning: get_user_pages() is passed a NULL vmas argument; Linux 6.5 removed the parameter, drop the argument [gup/vmas-param]
 * check-output-end
 *
 * check-patch-start
diff --git a/null_gup.c b/null_gup.c
--- a/null_gup.c
+++ b/null_gup.c
@@ -9,7 +9,7 @@
 
 long grab(unsigned long addr, struct page **pages)
 {
-	return get_user_pages(addr, 1, 0, pages, NULL);
+	return get_user_pages(addr, 1, 0, pages);
 }
 
 /*
 * check-patch-end
 *
 * check-json: findings.0.function = "grab"
 * check-json: findings.0.seen = "ast"
 * check-json: summary.fixable = 1
 */
