/*
 * get_user_pages_remote() with a NULL vmas in the middle of the argument
 * list, spread over two lines: only ", NULL" goes, the locked argument
 * stays.
 */
#define NULL ((void *)0)
struct page;
struct mm_struct;
struct vm_area_struct;

long get_user_pages_remote(struct mm_struct *mm,
			   unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages,
			   struct vm_area_struct **vmas, int *locked);

long fault_in(struct mm_struct *mm, unsigned long addr, int *locked)
{
	return get_user_pages_remote(mm, addr, 1, 0, NULL,
				     NULL, locked);
}

/*
 * check-name: the vmas argument before locked is dropped across lines
 * check-exit-value: 1
 *
 * check-output-start
null_remote.c:18:9: warning: get_user_pages_remote() is passed a NULL vmas argument; Linux 6.5 removed the parameter, drop the argument [gup/vmas-param]
 * check-output-end
 *
 * check-patch-start
diff --git a/null_remote.c b/null_remote.c
--- a/null_remote.c
+++ b/null_remote.c
@@ -15,8 +15,7 @@
 
 long fault_in(struct mm_struct *mm, unsigned long addr, int *locked)
 {
-	return get_user_pages_remote(mm, addr, 1, 0, NULL,
-				     NULL, locked);
+	return get_user_pages_remote(mm, addr, 1, 0, NULL, locked);
 }
 
 /*
 * check-patch-end
 */
