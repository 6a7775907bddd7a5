/*
 * Shaped after drivers/dma-buf/udmabuf.c of 6.12: pinned folios are kept
 * on a list and released by a loop that runs while the list is not
 * empty.  The list's name has "pin" in it, but a list head is no flag
 * that says how the folios were taken (rules/ownership.json guard_words
 * name flags only): a folio_put() there is judged, and is a mismatch.
 * A real flag with the word in it still guards its release.
 */
#include "api.h"

struct list_head {
	struct list_head *next, *prev;
};

struct ubuf_folio {
	struct folio *folio;
	struct list_head list;
	int pinned;
};

struct file;
long memfd_pin_folios(struct file *memfd, long long start, long long end,
		      struct folio **folios, unsigned int max_folios,
		      unsigned long *offset);
void unpin_folio(struct folio *folio);
void folio_put(struct folio *folio);
int list_empty(const struct list_head *head);
struct ubuf_folio *first_of(struct list_head *head);
void list_del(struct list_head *entry);
void list_add(struct list_head *entry, struct list_head *head);
void *kmalloc(unsigned long size, int flags);
void kfree(const void *p);

static int add_to_unpin_list(struct list_head *unpin_list,
			     struct folio *folio)
{
	struct ubuf_folio *uf = kmalloc(sizeof(*uf), 0);

	if (!uf)
		return -12;
	uf->folio = folio;
	uf->pinned = 1;
	list_add(&uf->list, unpin_list);
	return 0;
}

long pin_to_list(struct list_head *unpin_list, struct file *memfd,
		 struct folio **folios, unsigned int n)
{
	unsigned long off;
	long got, i;

	got = memfd_pin_folios(memfd, 0, 4095, folios, n, &off);
	if (got <= 0)
		return got;
	for (i = 0; i < got; i++)
		if (add_to_unpin_list(unpin_list, folios[i]))
			break;
	return 0;
}

/* the list's name is no flag: this put is judged */
void put_all_folios(struct list_head *unpin_list)
{
	struct ubuf_folio *uf;

	while (!list_empty(unpin_list)) {
		uf = first_of(unpin_list);
		folio_put(uf->folio);
		list_del(&uf->list);
		kfree(uf);
	}
}

/* a flag with the word in it says how: not judged */
void release_one(struct ubuf_folio *uf)
{
	if (uf->pinned)
		unpin_folio(uf->folio);
	else
		folio_put(uf->folio);
}

/*
 * check-name: a list head named for unpinning is no flag that guards a release
 * check-exit-value: 1
 * expect: gup/pin-put-mismatch at 69 (folio_put() of pinned folios in a loop on !list_empty(unpin_list)); none in release_one(), whose uf->pinned is a flag
 *
 * check-output-start
unpin_list.c:69:3: warning: put_all_folios() releases pages pinned by memfd_pin_folios() (unpin_list.c:53) with folio_put(), as if they held references; pinned folios must be released with unpin_folio(), unpin_folios() or unpin_user_folio() [gup/pin-put-mismatch]
 * check-output-end
 */
