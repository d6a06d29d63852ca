//! A small layered layout (Sugiyama-style) for the formats that need coordinates without an
//! external program (SVG, HTML, ArchiMate views). The ranks are given: one horizontal band per
//! group (layer from channel down to infrastructure, then the national catalogue and security
//! apart; or one band per owner). Within a band, nodes are ordered by the barycentre of their
//! neighbours over a few down and up sweeps, which removes most crossings; wide bands wrap into
//! rows. Coordinates are whole numbers, so the output is identical on every machine. This
//! module knows nothing of any output format.

/// A placed box: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Where the segment from the centre towards `(tx, ty)` leaves the box.
    pub fn border_towards(&self, tx: f64, ty: f64) -> (f64, f64) {
        let (cx, cy) = self.centre();
        let (dx, dy) = (tx - cx, ty - cy);
        if dx == 0.0 && dy == 0.0 {
            return (cx, cy);
        }
        let sx = if dx == 0.0 {
            f64::INFINITY
        } else {
            (self.w / 2.0) / dx.abs()
        };
        let sy = if dy == 0.0 {
            f64::INFINITY
        } else {
            (self.h / 2.0) / dy.abs()
        };
        let s = sx.min(sy);
        (cx + dx * s, cy + dy * s)
    }
}

/// A band of the layout, with its label.
#[derive(Debug, Clone)]
pub struct Band {
    pub label: String,
    pub national: bool,
    pub y: f64,
    pub h: f64,
}

/// What to lay out: the bands in order, each with its nodes.
#[derive(Debug, Clone)]
pub struct BandInput {
    pub label: String,
    pub national: bool,
    pub nodes: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Layout {
    /// By node index; `None` for nodes in no band.
    pub nodes: Vec<Option<Rect>>,
    pub bands: Vec<Band>,
    pub width: f64,
    pub height: f64,
}

pub const MARGIN: f64 = 20.0;
pub const NODE_HEIGHT: f64 = 60.0;
pub const NODE_WIDTH: f64 = 200.0;
const BAND_LABEL: f64 = 24.0;
const COLUMN_GAP: f64 = 24.0;
const ROW_GAP: f64 = 18.0;
const BAND_GAP: f64 = 16.0;
const PER_ROW: usize = 7;
const SWEEPS: usize = 4;

/// Lays out `count` nodes (all [`NODE_WIDTH`] wide) in `bands`, ordering each band by the
/// barycentres of `edges`.
pub fn layered(bands: &[BandInput], edges: &[(usize, usize)], count: usize) -> Layout {
    let width = |_: usize| NODE_WIDTH;
    let mut band_of = vec![usize::MAX; count];
    for (b, band) in bands.iter().enumerate() {
        for &n in &band.nodes {
            band_of[n] = b;
        }
    }
    let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); count];
    for &(a, b) in edges {
        if a < count && b < count && band_of[a] != usize::MAX && band_of[b] != usize::MAX && a != b
        {
            adjacent[a].push(b);
            adjacent[b].push(a);
        }
    }
    let mut orders: Vec<Vec<usize>> = bands.iter().map(|b| b.nodes.clone()).collect();
    let mut position = vec![0.0_f64; count];
    let place = |order: &[usize], position: &mut Vec<f64>| {
        let len = order.len().max(1) as f64;
        for (i, &n) in order.iter().enumerate() {
            position[n] = (i as f64 + 0.5) / len;
        }
    };
    for order in &orders {
        place(order, &mut position);
    }
    for sweep in 0..SWEEPS {
        let sequence: Vec<usize> = if sweep % 2 == 0 {
            (0..orders.len()).collect()
        } else {
            (0..orders.len()).rev().collect()
        };
        for b in sequence {
            let mut keyed: Vec<(f64, usize, usize)> = orders[b]
                .iter()
                .enumerate()
                .map(|(i, &n)| {
                    let outside: Vec<f64> = adjacent[n]
                        .iter()
                        .filter(|&&m| band_of[m] != b)
                        .map(|&m| position[m])
                        .collect();
                    let key = if outside.is_empty() {
                        position[n]
                    } else {
                        outside.iter().sum::<f64>() / outside.len() as f64
                    };
                    (key, i, n)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            orders[b] = keyed.into_iter().map(|(_, _, n)| n).collect();
            place(&orders[b], &mut position);
        }
    }

    let rows: Vec<Vec<&[usize]>> = orders.iter().map(|o| o.chunks(PER_ROW).collect()).collect();
    let row_width = |row: &[usize]| -> f64 {
        row.iter().map(|&n| width(n)).sum::<f64>()
            + COLUMN_GAP * (row.len().saturating_sub(1)) as f64
    };
    let inner = rows
        .iter()
        .flatten()
        .map(|r| row_width(r))
        .fold(240.0_f64, f64::max);
    let total_width = (inner + 4.0 * MARGIN).round();
    let mut nodes = vec![None; count];
    let mut placed_bands = Vec::with_capacity(bands.len());
    let mut y = MARGIN;
    for (b, band_rows) in rows.iter().enumerate() {
        let top = y;
        y += BAND_LABEL;
        for row in band_rows {
            let mut x = ((total_width - row_width(row)) / 2.0).round();
            for &n in row.iter() {
                let w = width(n);
                nodes[n] = Some(Rect {
                    x,
                    y,
                    w,
                    h: NODE_HEIGHT,
                });
                x += w + COLUMN_GAP;
            }
            y += NODE_HEIGHT + ROW_GAP;
        }
        placed_bands.push(Band {
            label: bands[b].label.clone(),
            national: bands[b].national,
            y: top,
            h: y - top,
        });
        y += BAND_GAP;
    }
    Layout {
        nodes,
        bands: placed_bands,
        width: total_width,
        height: y + MARGIN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn barycentres_untangle_a_crossing() {
        // Band 0: a, b; band 1: c, d; edges a–d, b–c cross in the given order.
        let bands = [
            BandInput {
                label: "top".into(),
                national: false,
                nodes: vec![0, 1],
            },
            BandInput {
                label: "bottom".into(),
                national: false,
                nodes: vec![2, 3],
            },
        ];
        let layout = layered(&bands, &[(0, 3), (1, 2)], 4);
        let x = |n: usize| layout.nodes[n].map(|r| r.x).unwrap_or(f64::NAN);
        assert_eq!(x(0) < x(1), x(3) < x(2), "edges must not cross");
        assert!(layout.nodes.iter().all(Option::is_some));
    }

    #[test]
    fn wide_bands_wrap_and_stay_inside() {
        let bands = [BandInput {
            label: "many".into(),
            national: false,
            nodes: (0..20).collect(),
        }];
        let layout = layered(&bands, &[], 20);
        let rects: Vec<Rect> = layout.nodes.iter().flatten().copied().collect();
        assert_eq!(rects.len(), 20);
        assert!(
            rects
                .iter()
                .all(|r| r.x >= MARGIN && r.x + r.w <= layout.width - MARGIN)
        );
        let rows: std::collections::BTreeSet<i64> = rects.iter().map(|r| r.y as i64).collect();
        assert_eq!(rows.len(), 3);
        assert!(layout.bands[0].h > 2.0 * NODE_HEIGHT);
    }

    #[test]
    fn border_point_lies_on_the_box() {
        let r = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 40.0,
        };
        assert_eq!(r.border_towards(50.0, 200.0), (50.0, 40.0));
        assert_eq!(r.border_towards(300.0, 20.0), (100.0, 20.0));
    }
}
