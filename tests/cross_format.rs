mod common;

#[test]
fn word_reader_resolves_numbering() {
    // Exercised for real once the renderers land; for now it must compile.
    let _ = common::word::paragraphs;
}
