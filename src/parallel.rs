//! Work split over the two cores most machines give a render, and the one
//! deflate loop both writers share.
//!
//! A warm render of the sample is a few milliseconds, so the only split that
//! pays is a coarse one: two halves of the work, each one contiguous run,
//! its results put back in order. The halves run on `rayon`'s threads,
//! which stay up between renders: a thread started for each split cost
//! 70 µs to start and join on a two-core VM, and its fresh stack and
//! allocator arena made a Word file take a third more processor time
//! (page faults 2 → 16 a file). Small jobs stay on one thread. Results are
//! the same whatever the split (each item is worked on alone, from a fresh
//! state), so the bytes written do not depend on the machine.

use flate2::{Compress, Compression, FlushCompress, Status};
use std::cell::RefCell;
use std::sync::OnceLock;

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

/// `f` over `items`, in order, with the work split in two by `weight` when
/// there are two cores ([`split`]) and `min_weight` or more of it. `state` makes each
/// thread's own scratch (a compressor, say). Every item is worked on whatever
/// the split; the first error in item order is returned.
pub(crate) fn map_split<T: Sync, R: Send, S, E: Send>(
    items: &[T],
    min_weight: usize,
    weight: impl Fn(&T) -> usize,
    state: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> Result<R, E> + Sync,
) -> Result<Vec<R>, E> {
    let run = |items: &[T]| -> Result<Vec<R>, E> {
        let mut scratch = state();
        items.iter().map(|item| f(&mut scratch, item)).collect()
    };
    let total: usize = items.iter().map(&weight).sum();
    if items.len() < 2 || total < min_weight || !split() {
        return run(items);
    }
    // The first run ends where the weight before it reaches half.
    let mut before = 0;
    let split = items
        .iter()
        .position(|item| {
            before += weight(item);
            before * 2 >= total
        })
        .map_or(items.len(), |i| i + 1)
        .min(items.len() - 1);
    let (first, second) = items.split_at(split);
    // The first run on the pool, the rest here.
    let mut first_made = None;
    let rest = beside(|jobs| {
        jobs.start(|| first_made = Some(run(first)));
        run(second)
    });
    let mut out = first_made.expect("a started job has finished when `beside` returns")?;
    out.extend(rest?);
    Ok(out)
}

/// A deflate compressor used for many streams: setting one up costs more
/// than compressing a small stream, so it is reset rather than rebuilt, and
/// when dropped it is kept for the next one on the same thread.
pub(crate) struct Deflater {
    compress: Option<Compress>,
    settings: (u32, bool),
}

thread_local! {
    /// Compressors this thread set up and has finished with, one for each
    /// settings at most (so at most the PDF's and the Word file's, a third
    /// of a megabyte each). Setting one up zeroes that much memory, fresh
    /// pages each time, and a render set up two to five (measured with
    /// callgrind: 1.3 M instructions of a `clerk` run's 54 M).
    static SPARE: RefCell<Vec<Deflater>> = const { RefCell::new(Vec::new()) };
}

impl Deflater {
    /// At `level`; `zlib`: with zlib's header and checksum (a PDF's
    /// `FlateDecode`), else raw deflate (a zip entry).
    pub(crate) fn new(level: u32, zlib: bool) -> Deflater {
        let settings = (level, zlib);
        let spare = SPARE
            .try_with(|spare| {
                let mut spare = spare.borrow_mut();
                let at = spare.iter().position(|d| d.settings == settings)?;
                Some(spare.swap_remove(at))
            })
            .ok()
            .flatten();
        spare.unwrap_or_else(|| Deflater {
            compress: Some(Compress::new(Compression::new(level), zlib)),
            settings,
        })
    }

    /// `data` compressed as one whole stream, from a fresh state, so equal
    /// data gives equal bytes whatever was compressed before.
    pub(crate) fn deflate(&mut self, data: &[u8]) -> Result<Vec<u8>, String> {
        let deflater = self
            .compress
            .as_mut()
            .ok_or("deflate: the compressor was given back")?;
        deflater.reset();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
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
                Status::StreamEnd => return Ok(out),
                Status::Ok | Status::BufError => out.reserve(out.capacity().max(1024)),
            }
        }
    }
}

impl Drop for Deflater {
    fn drop(&mut self) {
        let Some(compress) = self.compress.take() else {
            return;
        };
        let settings = self.settings;
        // A thread being torn down keeps nothing.
        let _ = SPARE.try_with(|spare| {
            if let Ok(mut spare) = spare.try_borrow_mut() {
                if spare.iter().all(|d| d.settings != settings) {
                    spare.push(Deflater {
                        compress: Some(compress),
                        settings,
                    });
                }
            }
        });
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
        if split() {
            // Two threads, so two runs of scratch: the count starts again.
            assert_eq!(squares.iter().filter(|s| s.1 == 1).count(), 2);
        }
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
}
