#include "../api.h"
/* A transport's ops table, as net/rds has (struct rds_transport). */
struct xport {
	void *(*get_mr)(struct scatterlist *sg, unsigned long nents,
			void *sock);
	void (*free_mr)(void *mr);
};

struct xsock {
	struct xport *trans;
};

struct ib_mr {
	struct scatterlist *sg;
	unsigned int sg_len;
};

void *kzalloc(unsigned long size, int flags);
void *kcalloc(unsigned long n, unsigned long size, int flags);
void kfree(const void *p);
void *ib_get_mr(struct scatterlist *sg, unsigned long nents, void *sock);
void ib_free_mr(void *mr);
