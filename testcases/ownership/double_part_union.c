/*
 * As double_part.c, with 6.12's release_pages(), whose first parameter
 * is a transparent union (include/linux/mm.h release_pages_arg): the
 * argument &arr[1] is wrapped in the union, and is still a part of the
 * array.
 */
struct page;
struct folio;
struct encoded_page;

#define FOLL_WRITE 0x01

typedef union {
	struct page **pages;
	struct folio **folios;
	struct encoded_page **encoded_pages;
} release_pages_arg __attribute__ ((__transparent_union__));

void release_pages(release_pages_arg, int nr);
void put_page(struct page *page);
int get_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
int issue(struct page **pages, unsigned long n);
void *kvmalloc_array(unsigned long n, unsigned long size, unsigned int flags);
void kvfree(const void *p);

static struct page **get_all(unsigned long addr, int n, int *nr)
{
	struct page **pages = kvmalloc_array(n, sizeof(*pages), 0);
	int got;

	if (!pages)
		return 0;
	got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (got != n) {
		if (got > 0)
			release_pages(pages, got);
		kvfree(pages);
		return 0;
	}
	*nr = got;
	return pages;
}

static int drop_tails(struct page ***pages, int *nr)
{
	struct page **arr = *pages;

	if (*nr <= 1)
		return 0;
	release_pages(&arr[1], *nr - 1);
	*nr = 1;
	return 1;
}

static int drop_all(struct page ***pages, int *nr)
{
	struct page **arr = *pages;

	release_pages(arr, *nr);
	return 1;
}

/* right: the helper releases the tails, the caller the head */
int keep_head(unsigned long addr, int n)
{
	struct page **pages;
	int ret, i, nr, coalesced;
	void *buf;

	pages = get_all(addr, n, &nr);
	if (!pages)
		return -14;
	coalesced = drop_tails(&pages, &nr);
	ret = -12;
	buf = kvmalloc_array(nr, 8, 0);
	if (!buf)
		goto done;
	ret = issue(pages, nr + coalesced);
done:
	if (ret) {
		kvfree(buf);
		for (i = 0; i < nr; i++)
			put_page(pages[i]);
	}
	kvfree(pages);
	return ret;
}

/* the helper releases them all, and the caller again */
int all_twice(unsigned long addr, int n)
{
	struct page **pages;
	int ret, i, nr, coalesced;
	void *buf;

	pages = get_all(addr, n, &nr);
	if (!pages)
		return -14;
	coalesced = drop_all(&pages, &nr);
	ret = -12;
	buf = kvmalloc_array(nr, 8, 0);
	if (!buf)
		goto done;
	ret = issue(pages, nr + coalesced);
done:
	if (ret) {
		kvfree(buf);
		for (i = 0; i < nr; i++)
			put_page(pages[i]);
	}
	kvfree(pages);
	return ret;
}

/*
 * check-name: a part of the array given to 6.12's release_pages() through its transparent union
 * check-exit-value: 1
 * expect: gup/double-release at 110 (drop_all() released them all); none in keep_head() (release_pages(&arr[1], ...): a part)
 *
 * check-output-start
double_part_union.c:110:4: warning: the pages get_all() took at line 97 are released a second time here: this path released them at line 100 already [gup/double-release]
 * check-output-end
 */
