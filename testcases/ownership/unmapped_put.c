/*
 * Shaped after kernel/events/uprobes.c (6.1 and 6.12): __replace_page()
 * takes the old page out of the page tables (page_remove_rmap(); 6.12's
 * folio_remove_rmap_pte()) and puts it: that drops the reference the
 * mapping held.  Its caller still puts the page get_user_pages_remote()
 * gave it; that is no double release.  A helper that puts the page
 * without unmapping it does release the caller's reference, and the
 * caller's put after it is one.
 */
#include "api.h"

struct vm_area_struct;
struct mm_struct;
long get_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages, int *locked);
void page_remove_rmap(struct page *page, struct vm_area_struct *vma,
		      int compound);
void folio_put(struct folio *folio);
unsigned long _compound_head(const struct page *page);
#define page_folio(p)	(_Generic((p),					\
	const struct page *:	(const struct folio *)_compound_head(p),	\
	struct page *:		(struct folio *)_compound_head(p)))
int install(struct vm_area_struct *vma, struct page *new_page);

static int replace_page(struct vm_area_struct *vma, struct page *old_page,
			struct page *new_page)
{
	struct folio *old_folio = page_folio(old_page);
	int ret = install(vma, new_page);

	if (ret)
		return ret;
	page_remove_rmap(old_page, vma, 0);
	folio_put(old_folio);
	return 0;
}

static int drop_page(struct vm_area_struct *vma, struct page *old_page,
		     struct page *new_page)
{
	int ret = install(vma, new_page);

	put_page(old_page);
	return ret;
}

/* right: the helper put the mapping's reference, this is GUP's */
int write_opcode(struct mm_struct *mm, unsigned long vaddr,
		 struct vm_area_struct *vma, struct page *new_page)
{
	struct page *old_page;
	long ret;

	ret = get_user_pages_remote(mm, vaddr, 1, FOLL_WRITE, &old_page, 0);
	if (ret <= 0)
		return ret;
	ret = replace_page(vma, old_page, new_page);
	put_page(old_page);
	return ret;
}

/* the helper put GUP's reference already */
int write_opcode_twice(struct mm_struct *mm, unsigned long vaddr,
		       struct vm_area_struct *vma, struct page *new_page)
{
	struct page *old_page;
	long ret;

	ret = get_user_pages_remote(mm, vaddr, 1, FOLL_WRITE, &old_page, 0);
	if (ret <= 0)
		return ret;
	ret = drop_page(vma, old_page, new_page);
	put_page(old_page);
	return ret;
}

/*
 * check-name: a put after the page is unmapped drops the mapping's reference, not the caller's
 * check-exit-value: 1
 * expect: gup/double-release at 74 (drop_page() put GUP's reference); none at 59 (replace_page() unmapped the page first: rules/ownership.json "unmappers")
 *
 * check-output-start
unmapped_put.c:74:2: warning: the pages get_user_pages_remote() took at line 70 are released a second time here: this path released them at line 73 already [gup/double-release]
 * check-output-end
 */
