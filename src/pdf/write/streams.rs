//! The PDF's heavy streams, made before its objects are written: each used
//! face's subset program and ToUnicode map, and each page's content stream,
//! all deflated.
//!
//! They are most of the time spent writing a PDF (subsetting and deflating
//! about three fifths of it on the sample, measured with callgrind), none
//! depends on another, and none depends on object numbers, so they are made
//! on two threads, each taking the next not yet taken (`crate::parallel`),
//! and written in the usual order afterwards: the bytes do not depend on
//! which thread made which.

use super::content::{self, PageContext};
use super::embed;
use super::file;
use super::glyphs::{FaceGlyphs, Used};
use super::marks::Mark;
use crate::error::Error;
use crate::fonts::{Face, FontSet};
use crate::parallel::map_split;
use crate::pdf::frame::Page;

/// Below this much work (in the units of `weight` below, about 45 to a
/// microsecond), a second thread (some tens of microseconds to start) saves
/// too little to be worth it.
const SPLIT_FROM: usize = 16_000;

/// The packed streams, by face and by page.
pub(super) struct Made {
    pub fonts: [Option<embed::Packed>; 4],
    pub pages: Vec<Vec<u8>>,
}

enum Job<'a> {
    Font(Face, &'a FaceGlyphs),
    Page(usize),
}

/// Makes the streams of `pages` (with their `marks`) and of the faces in `used`.
pub(super) fn make(
    pages: &[Page],
    marks: &[Vec<Option<Mark>>],
    cx: &PageContext<'_>,
    fonts: &FontSet,
) -> Result<Made, Error> {
    if marks.len() != pages.len() {
        return Err(Error::Pdf(format!(
            "{} pages but marks for {}",
            pages.len(),
            marks.len()
        )));
    }
    let used: &Used = cx.glyphs;
    let jobs: Vec<Job> = Face::ALL
        .into_iter()
        .filter_map(|face| Some(Job::Font(face, used[face as usize].as_ref()?)))
        .chain((0..pages.len()).map(Job::Page))
        .collect();
    // Weights in rough units of time, to tell whether a second thread is
    // worth waking, from the sample (release, cold): a face of 60 to 80
    // glyphs took 380 to 550 µs to subset and deflate, a page of 70 to 90
    // drawn items 50 to 70 µs. The fonts come first, so that the longest
    // jobs are not the last taken.
    let weight = |job: &Job| match job {
        Job::Font(_, glyphs) => glyphs.list.len() * 300,
        Job::Page(p) => pages[*p].items.len() * 40,
    };
    let made = map_split(&jobs, SPLIT_FROM, weight, file::deflater, |deflater, job| {
        match *job {
            Job::Font(face, glyphs) => {
                embed::pack(fonts.get(face), glyphs, deflater).map(|p| Stream::Font(face, p))
            }
            Job::Page(p) => {
                let stream = content::page_stream(&pages[p], &marks[p], cx).map_err(Error::Pdf)?;
                deflater.deflate(&stream).map(Stream::Page).map_err(Error::Pdf)
            }
        }
    })?;
    let mut out = Made {
        fonts: [None, None, None, None],
        pages: Vec::with_capacity(pages.len()),
    };
    for stream in made {
        match stream {
            Stream::Font(face, packed) => out.fonts[face as usize] = Some(packed),
            Stream::Page(packed) => out.pages.push(packed),
        }
    }
    Ok(out)
}

enum Stream {
    Font(Face, embed::Packed),
    Page(Vec<u8>),
}
