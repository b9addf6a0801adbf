# Draws the example logo (examples/templates/) and chart (examples/reports/images/).
# Run from the repository root: python3 scripts/draw-example-images.py (needs Pillow).
from PIL import Image, ImageDraw, ImageFont
F = "fonts/LiberationSans-Regular.ttf"
FB = "fonts/LiberationSans-Bold.ttf"
# Logo: a neutral mark, three rolling hills under a sun in a rounded square.
S = 160
im = Image.new("RGB", (S, S), "white")
d = ImageDraw.Draw(im)
purple = (0x5B, 0x2A, 0x86)
d.rounded_rectangle([4, 4, S - 5, S - 5], radius=28, fill=purple)
d.ellipse([98, 26, 130, 58], fill=(0xF2, 0xC1, 0x4E))
d.ellipse([-40, 88, 110, 200], fill=(0x8F, 0xC9, 0x7A))
d.ellipse([50, 96, 220, 210], fill=(0x4F, 0x9A, 0x5A))
d.rounded_rectangle([4, 4, S - 5, S - 5], radius=28, outline=purple, width=6)
# Cut the corners back to white outside the rounded square.
mask = Image.new("L", (S, S), 0)
ImageDraw.Draw(mask).rounded_rectangle([4, 4, S - 5, S - 5], radius=28, fill=255)
out = Image.new("RGB", (S, S), "white")
out.paste(im, (0, 0), mask)
out.quantize(colors=16).save("examples/templates/ashcombe-vale-logo.png", optimize=True)

# Chart: 2025 annual mean NO2 at six diffusion-tube sites against the 40 objective.
sites = [("AV01 Market St", 44.6), ("AV02 Station Rd", 41.2), ("AV03 Mill Lane", 38.9),
         ("AV04 Bridge St", 35.7), ("AV05 High St", 33.1), ("AV06 Park Rd", 24.8)]
W, H = 640, 320
c = Image.new("RGB", (W, H), "white")
d = ImageDraw.Draw(c)
f = ImageFont.truetype(F, 15); fb = ImageFont.truetype(FB, 16)
left, right, top, bottom = 70, W - 20, 40, H - 70
d.text((left, 10), "Annual mean NO\u2082 in 2025 (µg/m³)", font=fb, fill="black")
ymax = 50
def y(v): return bottom - (bottom - top) * v / ymax
for v in range(0, ymax + 1, 10):
    d.line([left, y(v), right, y(v)], fill=(0xDD, 0xDD, 0xDD))
    d.text((left - 8, y(v)), str(v), font=f, fill="black", anchor="rm")
bw = (right - left) / len(sites)
d.line([left, y(40), right, y(40)], fill=(0xC0, 0x1E, 0x1E), width=3)
for i, (name, v) in enumerate(sites):
    x0 = left + i * bw + 14; x1 = left + (i + 1) * bw - 14
    col = purple if v > 40 else (0x4F, 0x9A, 0x5A)
    d.rectangle([x0, y(v), x1, bottom], fill=col)
    d.text(((x0 + x1) / 2, bottom - 26), f"{v:.1f}", font=fb, fill="white", anchor="ma")
    code, street = name.split(" ", 1)
    d.text(((x0 + x1) / 2, bottom + 6), code, font=f, fill="black", anchor="ma")
    d.text(((x0 + x1) / 2, bottom + 26), street, font=f, fill="black", anchor="ma")
d.text((right, y(40) - 4), "Objective 40", font=f, fill=(0xC0, 0x1E, 0x1E), anchor="rs")
d.line([left, top - 4, left, bottom], fill="black"); d.line([left, bottom, right, bottom], fill="black")
c.quantize(colors=16).save("examples/reports/images/ashcombe-vale-no2-2025.png", optimize=True)
