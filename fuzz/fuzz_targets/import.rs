//! Bytes → `Report::from_docx` (a Word file read back) → the report's JSON
//! and `Renderer::check`. See FUZZING.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cabinet_report_fuzz::import::import(data));

libfuzzer_sys::fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    cabinet_report_fuzz::import::mutate(data, size, max_size, seed)
});
