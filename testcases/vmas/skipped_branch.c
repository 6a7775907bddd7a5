/*
 * A call in a branch the configuration leaves out, as mm/rmap.c has under
 * CONFIG_DEVICE_PRIVATE in 6.1: found from its tokens, judged against the
 * declaration, and patched.  The #else branch is compiled and clean.
 */
#define NULL ((void *)0)
struct page;
struct mm_struct;
struct vm_area_struct;

long get_user_pages_remote(struct mm_struct *mm,
			   unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages,
			   struct vm_area_struct **vmas, int *locked);

long exclusive(struct mm_struct *mm, unsigned long start, struct page **pages)
{
#ifdef CONFIG_DEVICE_PRIVATE
	return get_user_pages_remote(mm, start, 1, 0, pages, NULL, NULL);
#else
	return -1;
#endif
}

/*
 * check-name: a call in a skipped #ifdef branch is reported and patched
 * check-exit-value: 1
 *
 * check-output-start
skipped_branch.c:19:9: warning: get_user_pages_remote() is passed a NULL vmas argument (in a preprocessor branch this configuration skips); Linux 6.5 removed the parameter, drop the argument [gup/vmas-param]
 * check-output-end
 *
 * check-patch-start
diff --git a/skipped_branch.c b/skipped_branch.c
--- a/skipped_branch.c
+++ b/skipped_branch.c
@@ -16,7 +16,7 @@
 long exclusive(struct mm_struct *mm, unsigned long start, struct page **pages)
 {
 #ifdef CONFIG_DEVICE_PRIVATE
-	return get_user_pages_remote(mm, start, 1, 0, pages, NULL, NULL);
+	return get_user_pages_remote(mm, start, 1, 0, pages, NULL);
 #else
 	return -1;
 #endif
 * check-patch-end
 *
 * check-json: findings.0.seen = "skipped-branch"
 * check-json: findings.0.function = "exclusive"
 */
