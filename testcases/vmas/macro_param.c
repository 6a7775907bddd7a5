/*
 * The vmas argument comes from a macro parameter: NULL at the use site,
 * but the text that would be removed is 'v'.  Reported, not patched.
 */
#define NULL ((void *)0)
struct page;
struct vm_area_struct;

long get_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages,
		    struct vm_area_struct **vmas);

#define GUP(a, p, v) get_user_pages(a, 1, 0, p, v)

long grab(unsigned long addr, struct page **pages)
{
	return GUP(addr, pages, NULL);
}

/*
 * check-name: a NULL that comes through a macro parameter is not patched
 * check-exit-value: 1
 *
 * check-output-start
macro_param.c:17:9: warning: get_user_pages() is passed a NULL vmas argument; Linux 6.5 removed the parameter, drop the argument [gup/vmas-param]
 * check-output-end
 *
 * check-json: summary.fixable = 0
 * check-json: findings.0.no_fix_reason = "the argument is spelled 'v' there, which is null only after macro expansion"
 */
