/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Persisted memory: ranges that survive kexec as a reserved e820 type and
 * that an aware next kernel gives back by name.
 *
 * A range is persisted under a name (unique) and an owner. After kexec the
 * owner adopts it by that name and owner; until then nobody touches it. A
 * range stays persisted, through any number of kexecs, until it is released.
 *
 * Pages deposited one at a time (to a hypervisor, say) come from a pool,
 * which persists large chunks and hands out pages from them, so that many
 * deposits still cost few e820 entries.
 *
 * Every function may sleep. None of them waits for or fails because of a
 * kexec load; once a kexec has started, changes wait for it.
 */
#ifndef _LINUX_PERSIST_E820_H
#define _LINUX_PERSIST_E820_H

#include <linux/err.h>
#include <linux/types.h>
#include <uapi/linux/persist_e820.h>

struct page;
struct persist_e820_pool;

#if IS_ENABLED(CONFIG_PERSIST_E820)
int persist_e820_alloc(const char *name, const char *owner, size_t size,
		       phys_addr_t *start);
int persist_e820_register(const char *name, const char *owner,
			  phys_addr_t start, size_t size);
int persist_e820_adopt(const char *name, const char *owner,
		       phys_addr_t *start, size_t *size);
int persist_e820_release(const char *name, const char *owner);

struct persist_e820_pool *persist_e820_pool_create(const char *name,
						   const char *owner,
						   size_t chunk_size);
struct persist_e820_pool *persist_e820_pool_adopt(const char *name,
						  const char *owner);
struct page *persist_e820_pool_alloc_page(struct persist_e820_pool *pool);
void persist_e820_pool_free_page(struct persist_e820_pool *pool,
				 struct page *page);
struct page *persist_e820_pool_next(struct persist_e820_pool *pool,
				    struct page *prev);
unsigned long persist_e820_pool_used(struct persist_e820_pool *pool);
unsigned int persist_e820_pool_chunks(struct persist_e820_pool *pool);
int persist_e820_pool_destroy(struct persist_e820_pool *pool);
#else
static inline int persist_e820_alloc(const char *name, const char *owner,
				     size_t size, phys_addr_t *start)
{
	return -EOPNOTSUPP;
}

static inline int persist_e820_register(const char *name, const char *owner,
					phys_addr_t start, size_t size)
{
	return -EOPNOTSUPP;
}

static inline int persist_e820_adopt(const char *name, const char *owner,
				     phys_addr_t *start, size_t *size)
{
	return -ENOENT;
}

static inline int persist_e820_release(const char *name, const char *owner)
{
	return -ENOENT;
}

static inline struct persist_e820_pool *
persist_e820_pool_create(const char *name, const char *owner, size_t chunk_size)
{
	return ERR_PTR(-EOPNOTSUPP);
}

static inline struct persist_e820_pool *
persist_e820_pool_adopt(const char *name, const char *owner)
{
	return ERR_PTR(-ENOENT);
}

static inline struct page *
persist_e820_pool_alloc_page(struct persist_e820_pool *pool)
{
	return NULL;
}

static inline void persist_e820_pool_free_page(struct persist_e820_pool *pool,
					       struct page *page)
{
}

static inline struct page *persist_e820_pool_next(struct persist_e820_pool *pool,
						  struct page *prev)
{
	return NULL;
}

static inline unsigned long persist_e820_pool_used(struct persist_e820_pool *pool)
{
	return 0;
}

static inline unsigned int persist_e820_pool_chunks(struct persist_e820_pool *pool)
{
	return 0;
}

static inline int persist_e820_pool_destroy(struct persist_e820_pool *pool)
{
	return 0;
}
#endif

#endif /* _LINUX_PERSIST_E820_H */
