//! Bytes → `Report::from_json_bytes` → compose → PDF and Word, public and
//! full, without the validation gate: what a service calling the stages
//! directly meets. See FUZZING.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cabinet_report_fuzz::ungated(data));

libfuzzer_sys::fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    cabinet_report_fuzz::mutate(data, size, max_size, seed)
});
