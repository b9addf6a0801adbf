//! Bytes → `Template::from_json` → `Renderer::new` → the sample reports checked,
//! composed and rendered to PDF and Word, public and full. See FUZZING.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cabinet_report_fuzz::template(data));

libfuzzer_sys::fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    cabinet_report_fuzz::mutate(data, size, max_size, seed)
});
