//! Bytes → `Report::from_json_bytes` → `Renderer::check` → PDF and Word,
//! public and full, with the template the report names: the path `clerk`
//! takes. See FUZZING.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cabinet_report_fuzz::through_the_gate(data));

libfuzzer_sys::fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    cabinet_report_fuzz::mutate(data, size, max_size, seed)
});
