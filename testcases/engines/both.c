/*
 * One call, seen by both engines: reported once, naming both, with the
 * clang engine's patch.
 */
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
 * check-name: a finding of both engines is reported once, naming both
 * check-command: scan --engine all --external --tree . $file
 * check-exit-value: 1
 *
 * check-output-start
both.c:15:9: warning: get_user_pages() is passed a NULL vmas argument; Linux 6.5 removed the parameter, drop the argument [gup/vmas-param]
 * check-output-end
 *
 * check-patch-start
diff --git a/both.c b/both.c
--- a/both.c
+++ b/both.c
@@ -12,7 +12,7 @@
 
 long grab(unsigned long addr, struct page **pages)
 {
-	return get_user_pages(addr, 1, 0, pages, NULL);
+	return get_user_pages(addr, 1, 0, pages);
 }
 
 /*
 * check-patch-end
 *
 * check-json: findings.0.engines = ["clang", "cocci"]
 * check-json: tool.engines = ["clang", "cocci"]
 * check-json: coverage.cocci.analyzed = 1
 */
