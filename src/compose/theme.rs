//! One theme: every design value both renderers use, decided once.
//!
//! Lengths are in points (1/72 inch) unless a name says otherwise; the PDF
//! uses them as they are, Word converts them to twips, half-points or EMUs.
//! What a council's brand may change (colours, body size, fonts, logo,
//! justification) is a [`Theme`], from its template; the rest are the
//! constants here, the house style, the same for every council.
//! `TEMPLATES.md` lists both.

use crate::template::Template;

/// An sRGB colour: one type for the brand (where it is read from JSON) and
/// both renderers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `RRGGBB` without the `#`, as Word wants it.
    pub fn hex(self) -> String {
        format!("{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
    /// Components from 0.0 to 1.0, as PDF wants them.
    pub fn unit(self) -> [f32; 3] {
        [self.0, self.1, self.2].map(|c| f32::from(c) / 255.0)
    }
    /// This colour mixed with white: `strength` 0 is white, 1 the colour itself.
    pub fn tint(self, strength: f32) -> Rgb {
        let mix = |c: u8| (255.0 - (255.0 - f32::from(c)) * strength).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// The page: A4, with the same margins in both formats, so a line, an image
/// or a table column is the same width in the PDF and in Word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Left and right margins.
    pub margin_x: f32,
    /// From the top edge to the body on pages after the first (below the running header).
    pub margin_top: f32,
    /// From the bottom edge to the end of the body (above the footer).
    pub margin_bottom: f32,
    /// From the edges to the running header and the footer.
    pub furniture: f32,
}

impl Page {
    /// The width of the text column: the widest an image or table can be.
    pub const fn text_width(&self) -> f32 {
        self.width - 2.0 * self.margin_x
    }
}

/// Type sizes, from the brand's body size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    /// Body text.
    pub body: f32,
    /// The report title and the council's name in the band.
    pub title: f32,
    /// Section headings (level 1).
    pub heading: f32,
    /// Sub-headings (level 2).
    pub subheading: f32,
    /// Table text.
    pub table: f32,
    /// Running header and footer.
    pub small: f32,
}

/// Colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colours {
    /// Body text.
    pub text: Rgb,
    /// Headings, the band, table header rows, links.
    pub primary: Rgb,
    /// Text on the primary colour.
    pub on_primary: Rgb,
    /// Fill of label cells and notices: a light tint of the primary colour.
    pub label_fill: Rgb,
    /// The rule beside quotations: a stronger tint.
    pub quote_rule: Rgb,
}

/// The narrowest table column that can still hold two figures with its
/// padding at the table size. A table with more columns than fit across the
/// text at this width (33 on A4) is refused (R12) rather than drawn as an
/// unreadable smudge; narrower limits would refuse tables that load today.
pub const MIN_COLUMN_MM: f32 = 5.0;
/// How many columns fit across the text at [`MIN_COLUMN_MM`].
pub const MAX_TABLE_COLUMNS: usize = (TEXT_WIDTH_MM / MIN_COLUMN_MM) as usize;
/// A4, 22 mm at the sides, the body 24 mm from the top on later pages and
/// 22 mm from the bottom; header and footer 10 mm from the edges.
pub const PAGE: Page = Page {
    width: 595.28,
    height: 841.89,
    margin_x: MARGIN_X_MM * PT_PER_MM,
    margin_top: 24.0 * PT_PER_MM,
    margin_bottom: 22.0 * PT_PER_MM,
    furniture: 10.0 * PT_PER_MM,
};
const MARGIN_X_MM: f32 = 22.0;
/// The width of the text column in millimetres, as authors give image widths.
pub const TEXT_WIDTH_MM: f32 = 210.0 - 2.0 * MARGIN_X_MM;
/// Line height as a multiple of the type size.
pub const LEADING: f32 = 1.3;
/// The column numbers hang in: numbered text starts this far in.
pub const GUTTER: f32 = 36.0;
/// Space after a paragraph.
pub const PARAGRAPH_GAP: f32 = 8.0;
/// Space before a section heading.
pub const HEADING_GAP: f32 = 18.0;
/// Space before a sub-heading.
pub const SUBHEADING_GAP: f32 = 12.0;
/// Width of a bullet's label column.
pub const BULLET_HANG: f32 = 16.0;
/// Width of a numbered item's label column ("a)", "12.").
pub const NUMBER_HANG: f32 = 24.0;
/// Extra indent of quotations, each side, beyond the text column.
pub const QUOTE_INSET: f32 = 18.0;
/// Width of table borders and rules.
pub const RULE_WIDTH: f32 = 0.5;
/// The share of the first page's tables (masthead, metadata) their label column takes.
pub const LABEL_COLUMN: f32 = 0.34;
/// The share of the metadata table a sign-off column takes, when the
/// template prints one: a date, or a name and a date on two lines.
pub const SIGN_OFF_COLUMN: f32 = 0.22;
/// Space between a table cell's edges and its text, each side.
pub const CELL_PADDING: f32 = 4.0;
/// Height of the logo in the first page's band.
pub const LOGO_HEIGHT: f32 = 52.0;
/// The widest the logo may be.
pub const LOGO_MAX_WIDTH: f32 = 160.0;
/// The tallest a picture may be, so it fits a page with its caption.
pub const IMAGE_MAX_HEIGHT: f32 = 200.0 * PT_PER_MM;
/// The narrowest a picture may be.
pub const IMAGE_MIN_WIDTH: f32 = 5.0 * PT_PER_MM;
/// Running header and footer: dark grey, 7:1 on white.
pub const FURNITURE: Rgb = Rgb(0x50, 0x5A, 0x5F);
/// Table borders and rules: 4:1 on white, enough to see a table's grid
/// (WCAG 1.4.11 asks 3:1 of graphics a reader needs).
pub const RULE: Rgb = Rgb(0x7F, 0x7F, 0x7F);

/// The size of a picture on the page, in points: the width asked for (or
/// its natural width), between [`IMAGE_MIN_WIDTH`] and `max_width`, never
/// taller than [`IMAGE_MAX_HEIGHT`], keeping its aspect ratio. Both formats
/// size pictures with this.
pub fn image_size(
    width_px: u32,
    height_px: u32,
    want: Option<f32>,
    natural: f32,
    max_width: f32,
) -> (f32, f32) {
    let ratio = height_px.max(1) as f32 / width_px.max(1) as f32;
    let want = want.filter(|w| w.is_finite()).unwrap_or(natural);
    let w = want
        .clamp(IMAGE_MIN_WIDTH, max_width.max(IMAGE_MIN_WIDTH))
        .min(IMAGE_MAX_HEIGHT / ratio);
    (w, w * ratio)
}

/// The table column policy: each column's width, in points, from how wide
/// its content wants to be, as in HTML's automatic table layout. Every
/// column gets at least `min` (its longest word, padded) where it can, and
/// shares the rest in proportion to how much more its text wants (`max`,
/// all of it on one line); a column given a share of the table
/// (`percent`) has that, scaled down when it would leave the others no
/// room for their words. The widths add up to `avail`.
pub fn column_widths(min: &[f32], max: &[f32], percent: &[Option<f32>], avail: f32) -> Vec<f32> {
    let n = min.len();
    let fixed: Vec<Option<f32>> = (0..n)
        .map(|c| {
            percent
                .get(c)
                .copied()
                .flatten()
                .filter(|p| p.is_finite())
                .map(|p| avail * p.clamp(1.0, 100.0) / 100.0)
        })
        .collect();
    let fixed_sum: f32 = fixed.iter().flatten().sum();
    let free: Vec<usize> = (0..n).filter(|&c| fixed[c].is_none()).collect();
    let sum_min: f32 = free.iter().map(|&c| min[c]).sum();
    let sum_max: f32 = free.iter().map(|&c| max[c].max(min[c])).sum();
    let scale = if fixed_sum > 0.0 && fixed_sum + sum_min > avail {
        ((avail - sum_min).max(avail * 0.2)) / fixed_sum
    } else {
        1.0
    };
    let mut w: Vec<f32> = fixed.iter().map(|f| f.unwrap_or(0.0) * scale).collect();
    let rest = avail - fixed_sum * scale;
    for &c in &free {
        let (lo, hi) = (min[c], max[c].max(min[c]));
        w[c] = if sum_max <= rest {
            hi + (rest - sum_max) * hi / sum_max.max(1.0)
        } else if sum_min >= rest {
            lo * rest / sum_min.max(1.0)
        } else {
            lo + (hi - lo) * (rest - sum_min) / (sum_max - sum_min).max(1.0)
        };
    }
    let sum: f32 = w.iter().sum();
    if sum > 0.0 && (sum - avail).abs() > 0.01 {
        // Every column fixed but short of (or past) the width: in proportion.
        let k = avail / sum;
        w.iter_mut().for_each(|x| *x *= k);
    } else if sum <= 0.0 && n > 0 {
        w = vec![avail / n as f32; n];
    }
    w
}

/// The design values a council's brand decides.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Type sizes.
    pub sizes: Sizes,
    /// Colours.
    pub colours: Colours,
    /// The family name Word uses ("Arial"); the PDF embeds the brand's faces.
    pub font_family: String,
    /// Body text justified rather than aligned left.
    pub justify: bool,
}

impl Theme {
    /// The theme of a council's template.
    pub fn of(template: &Template) -> Theme {
        let brand = &template.brand;
        let body = brand.body_size;
        let primary = brand.primary_colour;
        Theme {
            sizes: Sizes {
                body,
                title: (body * 1.67).round(),
                heading: (body * 1.17).round(),
                subheading: body,
                table: (body - 1.0).max(9.0),
                small: (body * 0.75).max(8.0),
            },
            colours: Colours {
                text: brand.text_colour,
                primary,
                on_primary: brand.on_primary_colour,
                label_fill: primary.tint(0.12),
                quote_rule: primary.tint(0.45),
            },
            font_family: brand.font_family.clone(),
            justify: template.justify,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_widths_follow_content_and_fill_the_width() {
        // A short figures column and a long words column: the words get the room.
        let w = column_widths(&[40.0, 60.0], &[50.0, 900.0], &[None, None], 400.0);
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 0.01);
        assert!(w[0] >= 40.0 && w[0] < 60.0, "{w:?}");
        // Content that fits is widened in proportion.
        let w = column_widths(&[10.0, 10.0], &[100.0, 100.0], &[None, None], 400.0);
        assert!((w[0] - 200.0).abs() < 0.01);
        // A share given in percent holds.
        let w = column_widths(&[10.0, 10.0], &[100.0, 100.0], &[Some(25.0), None], 400.0);
        assert!((w[0] - 100.0).abs() < 0.01 && (w[1] - 300.0).abs() < 0.01);
        // Every column fixed short of the width: widened in proportion.
        let w = column_widths(&[1.0, 1.0], &[1.0, 1.0], &[Some(20.0), Some(30.0)], 400.0);
        assert!((w[0] - 160.0).abs() < 0.01);
        assert!(column_widths(&[], &[], &[], 400.0).is_empty());
    }

    #[test]
    fn brand_values_reach_the_theme_and_derived_ones_follow_them() {
        let mut t = Template::tower_hamlets();
        t.brand.body_size = 14.0;
        t.brand.primary_colour = Rgb(0, 0x33, 0x66);
        let theme = Theme::of(&t);
        assert_eq!(theme.sizes.body, 14.0);
        assert!(theme.sizes.heading > theme.sizes.body);
        assert_eq!(theme.colours.primary, Rgb(0, 0x33, 0x66));
        assert_eq!(theme.colours.label_fill, Rgb(0, 0x33, 0x66).tint(0.12));
        assert!((PAGE.text_width() - 166.0 * PT_PER_MM).abs() < 0.01);
    }
}
