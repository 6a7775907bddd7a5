/*
 * History: aae7a75a821a ("vfio/type1: Add proper error unwind for
 * vfio_iommu_replay()"), drivers/vfio/vfio_iommu_type1.c,
 * vfio_iommu_replay().
 * Pages pinned by vfio_pin_pages_remote() (a pin_user_pages_remote()
 * wrapper that hands back a pfn) were not unpinned when iommu_map() failed.
 */
#define NULL ((void *)0)
#define EFAULT 14
#define FOLL_WRITE 0x01
#define FOLL_LONGTERM 0x10000
#define PAGE_SHIFT 12

struct page;
struct mm_struct;
struct iommu_domain;

struct vfio_dma {
	unsigned long iova;
	unsigned long vaddr;
	unsigned long size;
	int prot;
	int iommu_mapped;
	struct mm_struct *mm;
};

long pin_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages, int *locked);
void unpin_user_page(struct page *page);
unsigned long page_to_pfn(struct page *page);
struct page *pfn_to_page(unsigned long pfn);
int iommu_map(struct iommu_domain *domain, unsigned long iova,
	      unsigned long long paddr, unsigned long size, int prot);

static long vfio_pin_pages_remote(struct vfio_dma *dma, unsigned long vaddr,
				  long npage, unsigned long *pfn_base)
{
	struct page *page;
	long ret;

	ret = pin_user_pages_remote(dma->mm, vaddr, 1,
				    FOLL_WRITE | FOLL_LONGTERM, &page, NULL);
	if (ret != 1)
		return ret < 0 ? ret : -EFAULT;
	*pfn_base = page_to_pfn(page);
	return 1;
}

static long vfio_unpin_pages_remote(struct vfio_dma *dma, unsigned long pfn,
				    long npage)
{
	long i;

	for (i = 0; i < npage; i++)
		unpin_user_page(pfn_to_page(pfn + i));
	return npage;
}

int vfio_iommu_replay(struct iommu_domain *domain, struct vfio_dma *dmas,
		      int ndma)
{
	int i, ret;

	for (i = 0; i < ndma; i++) {
		struct vfio_dma *dma = &dmas[i];
		unsigned long iova = dma->iova;

		while (iova < dma->iova + dma->size) {
			unsigned long pfn;
			unsigned long vaddr = dma->vaddr + (iova - dma->iova);
			unsigned long n = dma->iova + dma->size - iova;
			long npage;

			npage = vfio_pin_pages_remote(dma, vaddr,
						      n >> PAGE_SHIFT, &pfn);
			if (npage <= 0)
				return (int)npage;

			ret = iommu_map(domain, iova,
					(unsigned long long)pfn << PAGE_SHIFT,
					npage << PAGE_SHIFT, dma->prot);
			if (ret)
				return ret; /* BUG: pinned pfn not unpinned */

			iova += npage << PAGE_SHIFT;
		}
		dma->iommu_mapped = 1;
	}
	return 0;
}

/*
 * check-name: history aae7a75a821a: vfio replay leaks pinned pages when iommu_map() fails
 * check-exit-value: 1
 * check-known-to-fail
 * expect: gup/leak at 84 (iommu_map() failed, so the pages pinned by the wrapper are still held; hard: the pin travels as a pfn and was passed to the failing call)
 *
 * check-json: findings.0.rule = "gup/leak"
 * check-json: findings.0.line = 84
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
