/*
 * Shaped after drivers/gpu/drm/etnaviv/etnaviv_gem.c of 6.12: a GEM
 * object's pages field holds pages pinned for a userptr object in one
 * function and pages from shmem in another.  The userptr function pins
 * into a local array and only stores it in the field once it has them
 * all: its error path releases the local array, whose pages are all
 * pinned, so a put there is a mismatch even though the field itself
 * holds pages of two origins.
 */
#include "api.h"

struct gem_object {
	struct page **pages;
	unsigned long ptr;
	int npages;
};

void *kvmalloc_array(unsigned long n, unsigned long size, int flags);
void kvfree(const void *p);
struct page **shmem_get_pages(struct gem_object *obj);

int userptr_get_pages(struct gem_object *obj)
{
	struct page **pvec;
	int ret, pinned = 0;

	pvec = kvmalloc_array(obj->npages, sizeof(struct page *), 0);
	if (!pvec)
		return -12;
	do {
		struct page **pages = pvec + pinned;

		ret = pin_user_pages_fast(obj->ptr + pinned * 4096UL,
					  obj->npages - pinned, FOLL_WRITE,
					  pages);
		if (ret < 0) {
			release_pages(pvec, pinned);
			kvfree(pvec);
			return ret;
		}
		pinned += ret;
	} while (pinned < obj->npages);
	obj->pages = pvec;
	return 0;
}

/* right: the same, unpinned */
int userptr_get_pages_ok(struct gem_object *obj)
{
	struct page **pvec;
	int ret, pinned = 0;

	pvec = kvmalloc_array(obj->npages, sizeof(struct page *), 0);
	if (!pvec)
		return -12;
	do {
		struct page **pages = pvec + pinned;

		ret = pin_user_pages_fast(obj->ptr + pinned * 4096UL,
					  obj->npages - pinned, FOLL_WRITE,
					  pages);
		if (ret < 0) {
			unpin_user_pages(pvec, pinned);
			kvfree(pvec);
			return ret;
		}
		pinned += ret;
	} while (pinned < obj->npages);
	obj->pages = pvec;
	return 0;
}

/* the same field, filled from shmem */
int shmem_get(struct gem_object *obj)
{
	struct page **p = shmem_get_pages(obj);

	if (!p)
		return -12;
	obj->pages = p;
	return 0;
}

/* the field's pages are of two origins: which release is right is not told */
void object_put_pages(struct gem_object *obj)
{
	release_pages(obj->pages, obj->npages);
	kvfree(obj->pages);
}

/*
 * check-name: a local array stored in a field of two origins keeps its own origin
 * check-exit-value: 1
 * expect: gup/pin-put-mismatch at 37 (release_pages() of the local array of pinned pages, patched to unpin_user_pages()); none in userptr_get_pages_ok() or object_put_pages() (the field mixes pinned and shmem pages)
 *
 * check-output-start
field_local.c:37:4: warning: userptr_get_pages() releases pages pinned by pin_user_pages_fast() (field_local.c:33) with release_pages(), as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
 * check-output-end
 *
 * check-patch-start
diff --git a/field_local.c b/field_local.c
--- a/field_local.c
+++ b/field_local.c
@@ -34,7 +34,7 @@
 					  obj->npages - pinned, FOLL_WRITE,
 					  pages);
 		if (ret < 0) {
-			release_pages(pvec, pinned);
+			unpin_user_pages(pvec, pinned);
 			kvfree(pvec);
 			return ret;
 		}
 * check-patch-end
 */
