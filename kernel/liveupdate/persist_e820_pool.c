// SPDX-License-Identifier: GPL-2.0
/*
 * Persisted page pools: pages handed out one at a time from large persisted
 * chunks, for users that deposit memory page by page (a hypervisor that runs
 * out of memory asks for more, one page at a time) and need it back after
 * kexec.
 *
 * Each chunk is one persisted range, "<pool>.<n>", so that a pool of any
 * size costs one e820 entry per chunk (fewer where chunks touch) instead of
 * one per page. The first page of a chunk is the pool's own: a header and a
 * bitmap of the pages in use, kept current, so that after kexec the owner
 * adopts the pool by name and learns which pages it had, without anybody
 * reading a deposited page. The pool is a user of <linux/persist_e820.h>
 * like any other.
 */

#define pr_fmt(fmt) "persist_e820: pool: " fmt

#include <linux/bitmap.h>
#include <linux/io.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/persist_e820.h>
#include <linux/slab.h>

#define POOL_MAGIC		0x4c4f4f5030323845ULL	/* "E820POOL" */
#define POOL_VERSION		1
#define POOL_NAME_LEN		(PERSIST_E820_NAME_LEN - 8)	/* room for ".<n>" */
#define POOL_MIN_CHUNK		SZ_2M
#define POOL_MAX_CHUNK		SZ_64M
#define POOL_MAX_CHUNKS		1024

/*
 * struct persist_pool_hdr - first page of every chunk, never handed out
 * @magic: POOL_MAGIC
 * @version: POOL_VERSION
 * @nr_pages: pages in the chunk, this one included
 * @used: pages handed out
 * @__pad: 0
 * @bitmap: a bit per page of the chunk, set when in use; bit 0 (this page)
 *	always set
 */
struct persist_pool_hdr {
	u64 magic;
	u32 version;
	u32 nr_pages;
	u32 used;
	u32 __pad;
	unsigned long bitmap[];
};

static_assert(sizeof(struct persist_pool_hdr) +
	      BITS_TO_LONGS(POOL_MAX_CHUNK >> PAGE_SHIFT) * sizeof(long) <= PAGE_SIZE);

/**
 * struct persist_e820_pool - a pool of persisted pages
 * @lock: protects everything below and the chunks' headers
 * @name: chunks are persisted as "<name>.<n>"
 * @owner: their owner
 * @chunk_pages: pages per new chunk
 * @nr_chunks: chunks in @chunks
 * @chunks: each chunk's header, in its first page
 */
struct persist_e820_pool {
	struct mutex lock;	/* the pool and its chunks' headers */
	char name[POOL_NAME_LEN];
	char owner[PERSIST_E820_OWNER_LEN];
	unsigned long chunk_pages;
	unsigned int nr_chunks;
	struct persist_pool_hdr *chunks[POOL_MAX_CHUNKS];
};

static void pool_chunk_name(struct persist_e820_pool *pool, unsigned int n,
			    char *buf)
{
	snprintf(buf, PERSIST_E820_NAME_LEN, "%s.%u", pool->name, n);
}

static struct persist_e820_pool *pool_new(const char *name, const char *owner)
{
	struct persist_e820_pool *pool;

	if (!name || !owner || strnlen(name, POOL_NAME_LEN) == POOL_NAME_LEN)
		return ERR_PTR(-EINVAL);
	pool = kvzalloc_obj(*pool);
	if (!pool)
		return ERR_PTR(-ENOMEM);
	mutex_init(&pool->lock);
	strscpy(pool->name, name, sizeof(pool->name));
	strscpy(pool->owner, owner, sizeof(pool->owner));
	return pool;
}

/**
 * persist_e820_pool_create() - a new, empty pool of persisted pages
 * @name: the pool's name: up to 23 characters, as for a range
 * @owner: its owner, who adopts it after kexec
 * @chunk_size: bytes persisted at a time, a power of two from 2 MiB to
 *	64 MiB; one e820 entry each at most
 *
 * Return: the pool, or ERR_PTR(-EINVAL) or ERR_PTR(-ENOMEM).
 */
struct persist_e820_pool *persist_e820_pool_create(const char *name,
						   const char *owner,
						   size_t chunk_size)
{
	struct persist_e820_pool *pool;

	if (chunk_size < POOL_MIN_CHUNK || chunk_size > POOL_MAX_CHUNK ||
	    !is_power_of_2(chunk_size))
		return ERR_PTR(-EINVAL);
	pool = pool_new(name, owner);
	if (!IS_ERR(pool))
		pool->chunk_pages = chunk_size >> PAGE_SHIFT;
	return pool;
}
EXPORT_SYMBOL_GPL(persist_e820_pool_create);

/* Is the header of an inherited chunk of @pages pages sound? */
static bool pool_hdr_valid(const struct persist_pool_hdr *h, unsigned long pages)
{
	if (h->magic != POOL_MAGIC || h->version != POOL_VERSION ||
	    h->nr_pages != pages || h->__pad || !test_bit(0, h->bitmap))
		return false;
	return bitmap_weight(h->bitmap, pages) == h->used + 1;
}

/**
 * persist_e820_pool_adopt() - take back a pool the previous kernel persisted
 * @name: the pool's name
 * @owner: its owner
 *
 * Adopts "<name>.0", "<name>.1", ... until one is missing, and checks each
 * chunk's header: the pages in use then are in use now
 * (persist_e820_pool_next() lists them). New chunks get the size of the
 * first one.
 *
 * Return: the pool, ERR_PTR(-ENOENT) if there is no such pool,
 * ERR_PTR(-EBADMSG) if a chunk's header is corrupt (the chunks stay
 * persisted and adopted: nothing is freed), or another error of
 * persist_e820_adopt().
 */
struct persist_e820_pool *persist_e820_pool_adopt(const char *name,
						  const char *owner)
{
	char cname[PERSIST_E820_NAME_LEN];
	struct persist_e820_pool *pool;
	phys_addr_t start;
	size_t size;
	int ret = 0;

	pool = pool_new(name, owner);
	if (IS_ERR(pool))
		return pool;
	for (; pool->nr_chunks < POOL_MAX_CHUNKS; pool->nr_chunks++) {
		struct persist_pool_hdr *h;

		pool_chunk_name(pool, pool->nr_chunks, cname);
		ret = persist_e820_adopt(cname, owner, &start, &size);
		if (ret == -ENOENT && pool->nr_chunks)
			break;
		if (ret)
			goto fail;
		h = phys_to_virt(start);
		if (size < POOL_MIN_CHUNK || size > POOL_MAX_CHUNK ||
		    !pool_hdr_valid(h, size >> PAGE_SHIFT)) {
			pr_err("%s: chunk header corrupt: the chunk stays persisted\n",
			       cname);
			ret = -EBADMSG;
			goto fail;
		}
		pool->chunks[pool->nr_chunks] = h;
		if (!pool->chunk_pages)
			pool->chunk_pages = size >> PAGE_SHIFT;
	}
	pr_info("%s: adopted %u chunks, %lu pages in use\n", name,
		pool->nr_chunks, persist_e820_pool_used(pool));
	return pool;
fail:
	kvfree(pool);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(persist_e820_pool_adopt);

/* Persist one more chunk; pool->lock held */
static struct persist_pool_hdr *pool_grow(struct persist_e820_pool *pool)
{
	char cname[PERSIST_E820_NAME_LEN];
	struct persist_pool_hdr *h;
	phys_addr_t start;

	if (pool->nr_chunks == POOL_MAX_CHUNKS)
		return NULL;
	pool_chunk_name(pool, pool->nr_chunks, cname);
	if (persist_e820_alloc(cname, pool->owner,
			       pool->chunk_pages << PAGE_SHIFT, &start))
		return NULL;
	h = phys_to_virt(start);	/* zeroed */
	h->magic = POOL_MAGIC;
	h->version = POOL_VERSION;
	h->nr_pages = pool->chunk_pages;
	__set_bit(0, h->bitmap);
	pool->chunks[pool->nr_chunks++] = h;
	return h;
}

/**
 * persist_e820_pool_alloc_page() - one persisted page
 * @pool: the pool
 *
 * Grows the pool by a chunk when it is full.
 *
 * Return: a page that survives kexec until persist_e820_pool_free_page()
 * or persist_e820_pool_destroy(), not zeroed; NULL if no chunk could be
 * persisted (no memory, or the registry or the maps handed over are full).
 */
struct page *persist_e820_pool_alloc_page(struct persist_e820_pool *pool)
{
	struct persist_pool_hdr *h = NULL;
	unsigned long bit;
	unsigned int i;

	mutex_lock(&pool->lock);
	for (i = 0; i < pool->nr_chunks; i++) {
		if (pool->chunks[i]->used + 1 < pool->chunks[i]->nr_pages) {
			h = pool->chunks[i];
			break;
		}
	}
	if (!h)
		h = pool_grow(pool);
	if (!h) {
		mutex_unlock(&pool->lock);
		return NULL;
	}
	bit = find_first_zero_bit(h->bitmap, h->nr_pages);
	__set_bit(bit, h->bitmap);
	h->used++;
	mutex_unlock(&pool->lock);
	return virt_to_page(h) + bit;
}
EXPORT_SYMBOL_GPL(persist_e820_pool_alloc_page);

/* The chunk of @pool holding @page, and its index there; pool->lock held */
static struct persist_pool_hdr *pool_chunk_of(struct persist_e820_pool *pool,
					      struct page *page,
					      unsigned long *bit)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned int i;

	for (i = 0; i < pool->nr_chunks; i++) {
		struct persist_pool_hdr *h = pool->chunks[i];
		unsigned long first = page_to_pfn(virt_to_page(h));

		if (pfn > first && pfn < first + h->nr_pages) {
			*bit = pfn - first;
			return h;
		}
	}
	return NULL;
}

/**
 * persist_e820_pool_free_page() - give a page back to its pool
 * @pool: the pool
 * @page: a page persist_e820_pool_alloc_page() or adoption gave out
 *
 * The page is no longer handed over at kexec as in use; its chunk stays
 * persisted.
 */
void persist_e820_pool_free_page(struct persist_e820_pool *pool,
				 struct page *page)
{
	struct persist_pool_hdr *h;
	unsigned long bit;

	mutex_lock(&pool->lock);
	h = pool_chunk_of(pool, page, &bit);
	if (!WARN_ON_ONCE(!h || !test_bit(bit, h->bitmap))) {
		__clear_bit(bit, h->bitmap);
		h->used--;
	}
	mutex_unlock(&pool->lock);
}
EXPORT_SYMBOL_GPL(persist_e820_pool_free_page);

/**
 * persist_e820_pool_next() - walk the pages in use
 * @pool: the pool
 * @prev: the page returned last, or NULL to start
 *
 * The caller must not allocate or free pages of @pool during the walk.
 *
 * Return: the next page in use after @prev, in address order within each
 * chunk, or NULL after the last.
 */
struct page *persist_e820_pool_next(struct persist_e820_pool *pool,
				    struct page *prev)
{
	unsigned long bit = 0;
	unsigned int i = 0;

	mutex_lock(&pool->lock);
	if (prev) {
		struct persist_pool_hdr *h = pool_chunk_of(pool, prev, &bit);

		while (i < pool->nr_chunks && pool->chunks[i] != h)
			i++;
	}
	for (; i < pool->nr_chunks; i++, bit = 0) {
		struct persist_pool_hdr *h = pool->chunks[i];

		bit = find_next_bit(h->bitmap, h->nr_pages, bit + 1);
		if (bit < h->nr_pages) {
			mutex_unlock(&pool->lock);
			return virt_to_page(h) + bit;
		}
	}
	mutex_unlock(&pool->lock);
	return NULL;
}
EXPORT_SYMBOL_GPL(persist_e820_pool_next);

/**
 * persist_e820_pool_used() - pages in use
 * @pool: the pool
 *
 * Return: the number of pages handed out and not freed.
 */
unsigned long persist_e820_pool_used(struct persist_e820_pool *pool)
{
	unsigned long used = 0;
	unsigned int i;

	mutex_lock(&pool->lock);
	for (i = 0; i < pool->nr_chunks; i++)
		used += pool->chunks[i]->used;
	mutex_unlock(&pool->lock);
	return used;
}
EXPORT_SYMBOL_GPL(persist_e820_pool_used);

/**
 * persist_e820_pool_chunks() - chunks persisted
 * @pool: the pool
 *
 * Return: the number of chunks, each one persisted range.
 */
unsigned int persist_e820_pool_chunks(struct persist_e820_pool *pool)
{
	return READ_ONCE(pool->nr_chunks);
}
EXPORT_SYMBOL_GPL(persist_e820_pool_chunks);

/**
 * persist_e820_pool_destroy() - release every chunk and free the pool
 * @pool: the pool; its pages must no longer be in use by anybody
 *
 * The chunks go back to the page allocator and are no longer handed over.
 *
 * Return: 0, or the error of persist_e820_release() for the first chunk
 * that could not be released (see persist_e820_release()); the
 * pool then keeps that chunk and those after it, and can be destroyed
 * again.
 */
int persist_e820_pool_destroy(struct persist_e820_pool *pool)
{
	char cname[PERSIST_E820_NAME_LEN];
	int ret;

	mutex_lock(&pool->lock);
	while (pool->nr_chunks) {
		pool_chunk_name(pool, pool->nr_chunks - 1, cname);
		ret = persist_e820_release(cname, pool->owner);
		if (ret) {
			mutex_unlock(&pool->lock);
			return ret;
		}
		pool->nr_chunks--;
	}
	mutex_unlock(&pool->lock);
	kvfree(pool);
	return 0;
}
EXPORT_SYMBOL_GPL(persist_e820_pool_destroy);
