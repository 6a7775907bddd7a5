/*
 * A file with a syntax error before the call: counted as parsed with
 * errors, and the call is still found.
 */
#define NULL ((void *)0)
struct page;
struct vm_area_struct;

long get_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages,
		    struct vm_area_struct **vmas);

int broken(void)
{
	return 1 +;
}

long grab(unsigned long addr, struct page **pages)
{
	return get_user_pages(addr, 1, 0, pages, NULL);
}

/*
 * check-name: a file with syntax errors is a coverage entry, not a crash
 * check-exit-value: 1
 *
 * check-output-start
syntax_error.c:20:9: warning: get_user_pages() is passed a NULL vmas argument; Linux 6.5 removed the parameter, drop the argument [gup/vmas-param]
 * check-output-end
 *
 * check-patch-start
diff --git a/syntax_error.c b/syntax_error.c
--- a/syntax_error.c
+++ b/syntax_error.c
@@ -17,7 +17,7 @@
 
 long grab(unsigned long addr, struct page **pages)
 {
-	return get_user_pages(addr, 1, 0, pages, NULL);
+	return get_user_pages(addr, 1, 0, pages);
 }
 
 /*
 * check-patch-end
 *
 * check-json: coverage.parsed_with_errors = 1
 * check-json: coverage.files_with_errors.0.file = "syntax_error.c"
 * check-json: coverage.files_with_errors.0.reason = "syntax_error.c:15:12: error: expected expression"
 */
