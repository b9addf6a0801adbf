//! Work split over the two cores most machines give a render, and the one
//! deflate loop both writers share.
//!
//! A warm render of the sample is a few milliseconds, so the only split that
//! pays is a coarse one: two threads, each taking the next item not yet
//! taken, the results put back in order. The second is one of `rayon`'s
//! threads, which stay up between renders: a thread started for each split cost
//! 70 µs to start and join on a two-core VM, and its fresh stack and
//! allocator arena made a Word file take a third more processor time
//! (page faults 2 → 16 a file). Small jobs stay on one thread. Results are
//! the same whatever the split (each item is worked on alone, from a fresh
//! state), so the bytes written do not depend on the machine.

use flate2::{Compress, Compression, FlushCompress, Status};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// The pool, with the process that started its threads: a child forked
/// after a render has none of them, and would wait for them for ever.
static POOL: OnceLock<(u32, Option<rayon::ThreadPool>)> = OnceLock::new();

/// The threads renders share, started once: as many as the process may use
/// cores, `None` on one core or when no thread could be started (the work is
/// then done in turn). On one core (a container's quota, `taskset`) a second
/// thread only takes turns with this one, and the work in turn is cheaper
/// (the 4 MB table of tests/it/resource_limits.rs took 6% more processor
/// time on two threads pinned to one core). A pool of our own, not rayon's
/// global one: starting that one panics when no thread can be started, and
/// an application may have sized it for its own work.
fn pool() -> Option<&'static rayon::ThreadPool> {
    let (owner, pool) = POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let pool = (cores >= 2)
            .then(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(cores)
                    .thread_name(|i| format!("cabinet-report-{i}"))
                    .build()
                    .ok()
            })
            .flatten();
        (std::process::id(), pool)
    });
    let pool = pool.as_ref()?;
    // Called from another rayon pool's thread (an application's `par_iter`
    // over reports), that pool is using the cores already, and a thread of
    // it waiting on ours would run other work of its own meanwhile, on top
    // of the render it is in the middle of.
    let elsewhere =
        rayon::current_thread_index().is_some() && pool.current_thread_index().is_none();
    (*owner == std::process::id() && !elsewhere).then_some(pool)
}

/// Whether work is split at all: there are two cores and threads for them.
pub(crate) fn split() -> bool {
    pool().is_some()
}

/// Work started beside the calling thread's, inside [`beside`].
pub(crate) struct Beside<'a, 'scope>(Option<&'a rayon::Scope<'scope>>);

impl<'scope> Beside<'_, 'scope> {
    /// Starts `job` on one of the pool's threads, or, with no pool, runs it
    /// now. A job must not block on another job or on the calling thread (a
    /// channel, a lock held across the scope): the only waits are the ends
    /// of scopes, and a pool thread waiting there runs other jobs meanwhile,
    /// so any number of renders at once, on any number of threads, finish.
    pub(crate) fn start(&self, job: impl FnOnce() + Send + 'scope) {
        match self.0 {
            Some(scope) => scope.spawn(|_| job()),
            None => job(),
        }
    }
}

/// Runs `op` on this thread, where its memory already is; what it
/// [starts](Beside::start) runs on the pool meanwhile, and all of it has
/// finished when this returns.
pub(crate) fn beside<'scope, R>(op: impl for<'a> FnOnce(&Beside<'a, 'scope>) -> R) -> R {
    match pool() {
        Some(pool) => pool.in_place_scope(|scope| op(&Beside(Some(scope)))),
        None => op(&Beside(None)),
    }
}

/// `f` over `items`, in order, on two threads when there are two cores
/// ([`split`]) and `min_weight` or more of work (by `weight`). `state` makes
/// each thread's own scratch (a compressor, say). Whatever the split, the
/// results are in item order, and the first error in item order is the one
/// returned.
///
/// Each thread takes the next item not yet taken, rather than a half
/// fixed beforehand: a half by estimated weight left one thread waiting on
/// the other (the sample's two faces took 0.55 ms, its seven pages 0.8 ms,
/// measured in a `clerk` run), and the pool thread may start late, still
/// finishing the Word file, when this one should simply go on.
pub(crate) fn map_split<T: Sync, R: Send, S, E: Send>(
    items: &[T],
    min_weight: usize,
    weight: impl Fn(&T) -> usize,
    state: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> Result<R, E> + Sync,
) -> Result<Vec<R>, E> {
    let total: usize = items.iter().map(&weight).sum();
    if items.len() < 2 || total < min_weight || !split() {
        let mut scratch = state();
        return items.iter().map(|item| f(&mut scratch, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut scratch = None;
        let mut done = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(at) else {
                return done;
            };
            let scratch = scratch.get_or_insert_with(&state);
            done.push((at, f(scratch, item)));
        }
    };
    let mut theirs = Vec::new();
    let mine = beside(|jobs| {
        jobs.start(|| theirs = work());
        work()
    });
    let mut all: Vec<Option<Result<R, E>>> =
        std::iter::repeat_with(|| None).take(items.len()).collect();
    for (at, made) in mine.into_iter().chain(theirs) {
        all[at] = Some(made);
    }
    all.into_iter()
        .map(|made| {
            made.expect("each item is taken by one thread, and made before `beside` returns")
        })
        .collect()
}

/// A deflate compressor used for many streams: setting one up costs more
/// than compressing a small stream, so it is reset rather than rebuilt, and
/// when dropped it is kept for the next one, on any thread ([`SPARE`]).
pub(crate) struct Deflater {
    /// The compressor (raw deflate) and the level it is set to.
    compress: Option<(Compress, u32)>,
    level: u32,
    zlib: bool,
}

/// Compressors set up and finished with, for any thread's next stream.
///
/// Setting one up is most of a third of a megabyte of fresh memory, and on
/// the two-core VM of BENCHMARKS.md its page faults made it 220 to 310 µs:
/// three of them (the PDF's on each thread and the Word file's) were nearly
/// a millisecond of a `clerk` run's 13 ms of processor time (perf). So one
/// compressor serves every level and both formats (the zlib wrapping is
/// written here, [`zlib_header`]), any thread takes whichever is spare, and
/// [`Deflater::prepare`] sets two up where a pool thread would otherwise
/// wait. Per thread, as they were, a thread could not use the one another
/// had finished with.
static SPARE: Mutex<Vec<(Compress, u32)>> = Mutex::new(Vec::new());

/// Compressors kept: the two threads of a split and the other output's,
/// deflating at once, and one ready for the next render.
const MAX_SPARE: usize = 4;

/// The list, unless another thread holds it this instant: then the caller
/// sets up a compressor of its own, or frees the one it has, rather than
/// wait. Never waiting also keeps a child forked while another thread held
/// the lock from waiting for ever.
fn spare() -> Option<std::sync::MutexGuard<'static, Vec<(Compress, u32)>>> {
    match SPARE.try_lock() {
        Ok(list) => Some(list),
        // A poisoned lock only means a thread panicked while pushing or
        // popping; the list is still sound.
        Err(std::sync::TryLockError::Poisoned(e)) => Some(e.into_inner()),
        Err(std::sync::TryLockError::WouldBlock) => None,
    }
}

impl Deflater {
    /// At `level`; `zlib`: with zlib's header and checksum (a PDF's
    /// `FlateDecode`), else raw deflate (a zip entry).
    pub(crate) fn new(level: u32, zlib: bool) -> Deflater {
        // Level 0 stores: its block sizes follow the output buffer's, so a
        // stream would not be the same bytes as a fresh compressor's.
        debug_assert!((1..=9).contains(&level), "deflate level {level}");
        let compress = spare()
            .and_then(|mut list| list.pop())
            .unwrap_or_else(|| (Compress::new(Compression::new(level), false), level));
        Deflater {
            compress: Some(compress),
            level,
            zlib,
        }
    }

    /// Sets up compressors for later streams until two are spare: called by
    /// a pool thread that has nothing else to do, so the thread laying out
    /// the PDF does not set one up when it gets to its streams. Two, as the
    /// Word file is often still being zipped then: with one, the layout's
    /// thread set up its own in every `clerk` run of six (each 0.25 ms of
    /// its time), with two in none.
    pub(crate) fn prepare() {
        // Counted, set up with the list let go (a third of a megabyte each),
        // then added together.
        let Some(held) = spare().map(|list| list.len()) else {
            return;
        };
        let fresh: Vec<(Compress, u32)> = (held..2)
            .map(|_| (Compress::new(Compression::new(1), false), 1))
            .collect();
        if let Some(mut list) = spare() {
            let room = MAX_SPARE.saturating_sub(list.len());
            list.extend(fresh.into_iter().take(room));
        }
    }

    /// `data` compressed as one whole stream, from a fresh state, so equal
    /// data gives equal bytes whatever was compressed before.
    pub(crate) fn deflate(&mut self, data: &[u8]) -> Result<Vec<u8>, String> {
        let (deflater, at) = self
            .compress
            .as_mut()
            .ok_or("deflate: the compressor was given back")?;
        deflater.reset();
        if *at != self.level {
            // Right after a reset nothing is pending, so this only sets
            // the level: the stream is as a fresh compressor's at it.
            deflater
                .set_level(Compression::new(self.level))
                .map_err(|e| format!("deflate: {e}"))?;
            *at = self.level;
        }
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        if self.zlib {
            out.extend_from_slice(&zlib_header(self.level));
        }
        loop {
            let before = deflater.total_in() as usize;
            let status = deflater
                .compress_vec(
                    &data[before.min(data.len())..],
                    &mut out,
                    FlushCompress::Finish,
                )
                .map_err(|e| format!("deflate: {e}"))?;
            match status {
                Status::StreamEnd => break,
                Status::Ok | Status::BufError => out.reserve(out.capacity().max(1024)),
            }
        }
        if self.zlib {
            out.extend_from_slice(&zlib_rs::adler32::adler32(1, data).to_be_bytes());
        }
        Ok(out)
    }
}

/// A zlib stream's two header bytes (RFC 1950) as zlib writes them: deflate
/// with a 32 KiB window, no dictionary, and the level's speed class.
fn zlib_header(level: u32) -> [u8; 2] {
    let class: u16 = match level {
        0 | 1 => 0,
        2..=5 => 1,
        6 => 2,
        _ => 3,
    };
    let header = (0x78 << 8) | (class << 6);
    (header + 31 - header % 31).to_be_bytes()
}

impl Drop for Deflater {
    fn drop(&mut self) {
        if let Some(compress) = self.compress.take() {
            if let Some(mut list) = spare().filter(|list| list.len() < MAX_SPARE) {
                list.push(compress);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_map_keeps_item_order_and_the_first_error() {
        let items: Vec<usize> = (0..50).collect();
        let squares = map_split(
            &items,
            0,
            |&i| i,
            Vec::<usize>::new,
            |seen, &i| {
                seen.push(i);
                Ok::<_, String>((i * i, seen.len()))
            },
        )
        .unwrap();
        assert_eq!(
            squares.iter().map(|s| s.0).collect::<Vec<_>>(),
            items.iter().map(|i| i * i).collect::<Vec<_>>()
        );
        // A scratch for each thread that took an item: one, or with a pool
        // two (the pool's thread may start after this one took them all).
        let scratches = squares.iter().filter(|s| s.1 == 1).count();
        assert!(
            (1..=if split() { 2 } else { 1 }).contains(&scratches),
            "{scratches}"
        );
        let failed = map_split(
            &items,
            0,
            |_| 1,
            || (),
            |_, &i| {
                if i % 7 == 6 {
                    Err(i)
                } else {
                    Ok(i)
                }
            },
        );
        assert_eq!(failed, Err(6));
        let one: Result<Vec<_>, ()> = map_split(&[3], 0, |_| 1, || (), |_, &i| Ok(i));
        assert_eq!(one, Ok(vec![3]));
        let none: Result<Vec<u8>, ()> = map_split(&[], 0, |_: &u8| 1, || (), |_, &i| Ok(i));
        assert_eq!(none, Ok(vec![]));
    }

    #[test]
    fn a_stream_deflates_the_same_after_any_other() {
        let text =
            b"Recommendations: the Mayor in Cabinet is recommended to note the report. ".repeat(40);
        let mut fresh = Deflater::new(2, true);
        let alone = fresh.deflate(&text).unwrap();
        let mut used = Deflater::new(2, true);
        used.deflate(b"something else entirely, and longer than a line or two")
            .unwrap();
        assert_eq!(used.deflate(&text).unwrap(), alone);
        let mut back = flate2::read::ZlibDecoder::new(&alone[..]);
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut back, &mut out).unwrap();
        assert_eq!(out, text);
    }

    #[test]
    fn one_compressor_makes_each_format_and_level_as_a_fresh_one_would() {
        let text = b"BT /F1 9 Tf 72 700 Td [<0012003400560078>] TJ ET\n".repeat(300);
        let fresh = |level: u32, zlib: bool| {
            let mut c = Compress::new(Compression::new(level), zlib);
            let mut out = Vec::with_capacity(text.len() + 64);
            c.compress_vec(&text, &mut out, FlushCompress::Finish)
                .unwrap();
            out
        };
        // One compressor, set up at level 1 as `prepare` leaves it, through
        // every level and both formats in turn, and back.
        let mut one = Deflater::new(1, false);
        let turns = (1..=9).flat_map(|level| [(level, true), (level, false)]);
        for (level, zlib) in turns.chain([(1, false), (2, true), (1, true), (3, false)]) {
            one.level = level;
            one.zlib = zlib;
            assert_eq!(
                one.deflate(&text).unwrap(),
                fresh(level, zlib),
                "level {level}, zlib {zlib}"
            );
        }
    }
}
