//! The layered layout and the edge router for the formats that need coordinates without an
//! external program (SVG, the HTML page, the image in the appraisal opinion, ArchiMate views).
//! This module knows nothing of any output format.
//!
//! **Placement.** The ranks are given: one horizontal band per group (layer from channel down
//! to infrastructure, then the national catalogue and security apart; or one band per owner).
//! Within a band, nodes are ordered by the barycentre of their neighbours over a few down and
//! up sweeps (Sugiyama's crossing reduction), then wrap into rows of at most [`PER_ROW`] boxes
//! that sit in one grid of columns shared by every band. Boxes have a fixed width and the
//! height their wrapped text needs; a row is as tall as its tallest box.
//!
//! **Routing.** Boxes occupy only the grid's cells, so the gaps between rows (horizontal
//! channels) and between columns (vertical channels) hold no box. Every edge is an orthogonal
//! path that leaves its source through the middle of its top or bottom side, runs in at most
//! three channel segments (the horizontal channel beside the source, the vertical channel
//! beside the source, the horizontal channel beside the target) and enters its target through
//! the middle of a side: by construction no edge passes through a box it does not end at.
//! Inside a channel, each segment gets a track; segments whose extents overlap get different
//! tracks (interval partitioning, n·log n), so that lines run side by side instead of on top of
//! each other. Segments towards the same target on the same side share a track, as do the first
//! segments of one source: a hub such as the LGSP is reached by one bus, not fifty parallel
//! lines. Channels widen to hold their tracks. Coordinates are whole numbers, so the output is
//! identical on every machine.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

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

/// The path of one edge: orthogonal segments through `points`, and where its words go.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub points: Vec<(f64, f64)>,
    pub label: (f64, f64),
}

#[derive(Debug, Clone)]
pub struct Layout {
    /// By node index; `None` for nodes in no band.
    pub nodes: Vec<Option<Rect>>,
    /// By edge index (the order of the `edges` given); `None` for an edge whose ends are not
    /// both placed, or that starts and ends at the same node.
    pub routes: Vec<Option<Route>>,
    pub bands: Vec<Band>,
    pub width: f64,
    pub height: f64,
}

pub const MARGIN: f64 = 20.0;
pub const NODE_HEIGHT: f64 = 60.0;
pub const NODE_WIDTH: f64 = 200.0;
/// Room for a band's label above its first row.
const BAND_LABEL: f64 = 24.0;
/// Space left inside a band below its last row.
const BAND_FOOT: f64 = 8.0;
/// The narrowest vertical channel and the lowest channels between rows and between bands.
const COLUMN_GAP: f64 = 28.0;
const ROW_GAP: f64 = 22.0;
const BAND_GAP: f64 = 18.0;
/// Distance between two tracks of a channel, and from a channel's tracks to its sides.
const TRACK: f64 = 6.0;
const PAD: f64 = 8.0;
pub const PER_ROW: usize = 7;
const SWEEPS: usize = 4;

/// Which side of a box an edge leaves or enters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Top,
    Bottom,
}

/// What shares a track: the segments towards one target on one side, the first segments of
/// one source on one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Into(usize, Side),
    OutOf(usize, Side),
}

/// A channel: horizontal channel `h` lies above row `h` (the last one below the last row);
/// vertical channel `v` lies left of column `v` (the last one right of the last column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Channel {
    Horizontal(usize),
    Vertical(usize),
}

/// One segment of a route, before coordinates: its channel, what it shares a track with, and
/// its extent along the channel in grid ordinals (column `c` is `2c + 1`, vertical channel
/// `v` is `2v`; the same for rows and horizontal channels).
#[derive(Debug, Clone, Copy)]
struct Segment {
    channel: Channel,
    key: Key,
    from: usize,
    to: usize,
}

/// The plan of one edge: sides, and one or three segments.
struct Plan {
    source: usize,
    target: usize,
    exit: Side,
    entry: Side,
    segments: Vec<Segment>,
}

/// Orders each band by the barycentres of its nodes' neighbours in other bands.
fn order_bands(bands: &[BandInput], edges: &[(usize, usize)], count: usize) -> Vec<Vec<usize>> {
    let mut band_of = vec![usize::MAX; count];
    for (b, band) in bands.iter().enumerate() {
        for &n in &band.nodes {
            if n < count {
                band_of[n] = b;
            }
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
    let mut orders: Vec<Vec<usize>> = bands
        .iter()
        .map(|b| b.nodes.iter().copied().filter(|&n| n < count).collect())
        .collect();
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
                    let (sum, len) = adjacent[n]
                        .iter()
                        .filter(|&&m| band_of[m] != b)
                        .fold((0.0, 0usize), |(s, l), &m| (s + position[m], l + 1));
                    let key = if len == 0 {
                        position[n]
                    } else {
                        sum / len as f64
                    };
                    (key, i, n)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            orders[b] = keyed.into_iter().map(|(_, _, n)| n).collect();
            place(&orders[b], &mut position);
        }
    }
    orders
}

/// The channel segments of an edge from `(rs, cs)` to `(rt, ct)` (row, column).
fn plan(source: usize, target: usize, (rs, cs): (usize, usize), (rt, ct): (usize, usize)) -> Plan {
    let column = |c: usize| 2 * c + 1;
    let span = |a: usize, b: usize| (a.min(b), a.max(b));
    let horizontal = |h: usize, key: Key, a: usize, b: usize| {
        let (from, to) = span(a, b);
        Segment {
            channel: Channel::Horizontal(h),
            key,
            from,
            to,
        }
    };
    if rs == rt {
        // Along one row: rightwards above it, leftwards below it, so opposite edges stay apart.
        let side = if ct > cs { Side::Top } else { Side::Bottom };
        let h = if side == Side::Top { rs } else { rs + 1 };
        return Plan {
            source,
            target,
            exit: side,
            entry: side,
            segments: vec![horizontal(
                h,
                Key::Into(target, side),
                column(cs),
                column(ct),
            )],
        };
    }
    let down = rt > rs;
    let (exit, entry) = if down {
        (Side::Bottom, Side::Top)
    } else {
        (Side::Top, Side::Bottom)
    };
    // The channels beside the source and beside the target, on the sides facing each other.
    let near_source = if down { rs + 1 } else { rs };
    let near_target = if down { rt } else { rt + 1 };
    if near_source == near_target {
        return Plan {
            source,
            target,
            exit,
            entry,
            segments: vec![horizontal(
                near_source,
                Key::Into(target, entry),
                column(cs),
                column(ct),
            )],
        };
    }
    // The vertical channel beside the source, on the target's side.
    let v = if ct < cs { cs } else { cs + 1 };
    let (from, to) = span(2 * near_source, 2 * near_target);
    Plan {
        source,
        target,
        exit,
        entry,
        segments: vec![
            horizontal(near_source, Key::OutOf(source, exit), column(cs), 2 * v),
            Segment {
                channel: Channel::Vertical(v),
                key: Key::Into(target, entry),
                from,
                to,
            },
            horizontal(near_target, Key::Into(target, entry), 2 * v, column(ct)),
        ],
    }
}

/// Gives every key of a channel a track: keys whose extents overlap get different tracks.
/// Returns the track of each key and the number of tracks.
fn tracks(extents: &BTreeMap<Key, (usize, usize)>) -> (BTreeMap<Key, usize>, usize) {
    let mut sorted: Vec<(usize, usize, Key)> =
        extents.iter().map(|(k, &(a, b))| (a, b, *k)).collect();
    sorted.sort();
    // Tracks free again after a given ordinal, smallest first.
    let mut busy: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
    let mut free: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut assigned = BTreeMap::new();
    let mut count = 0;
    for (from, to, key) in sorted {
        while let Some(&Reverse((end, track))) = busy.peek() {
            if end < from {
                busy.pop();
                free.push(Reverse(track));
            } else {
                break;
            }
        }
        let track = match free.pop() {
            Some(Reverse(track)) => track,
            None => {
                count += 1;
                count - 1
            }
        };
        busy.push(Reverse((to, track)));
        assigned.insert(key, track);
    }
    (assigned, count)
}

/// How wide a channel must be for `tracks` tracks, at least `least`.
fn breadth(tracks: usize, least: f64) -> f64 {
    let needed = 2.0 * PAD + tracks.saturating_sub(1) as f64 * TRACK;
    needed.max(least)
}

/// The offset of track `track` of `count` inside a channel of breadth `size`: the tracks are
/// centred in the channel.
fn offset(track: usize, count: usize, size: f64) -> f64 {
    let used = count.saturating_sub(1) as f64 * TRACK;
    ((size - used) / 2.0).floor() + track as f64 * TRACK
}

/// Lays out the nodes of `bands` (node `n` is [`NODE_WIDTH`] wide and `heights[n]` high) and
/// routes `edges` (source, target) around them.
pub fn layered(bands: &[BandInput], heights: &[f64], edges: &[(usize, usize)]) -> Layout {
    let count = heights.len();
    let orders = order_bands(bands, edges, count);

    // Rows in the shared grid of columns.
    let columns = orders
        .iter()
        .map(|o| o.len().min(PER_ROW))
        .max()
        .unwrap_or(0)
        .max(1);
    struct Row {
        band: usize,
        nodes: Vec<usize>,
        start: usize,
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut cell = vec![None; count];
    for (b, order) in orders.iter().enumerate() {
        for chunk in order.chunks(PER_ROW) {
            let start = (columns - chunk.len()) / 2;
            for (i, &n) in chunk.iter().enumerate() {
                cell[n] = Some((rows.len(), start + i));
            }
            rows.push(Row {
                band: b,
                nodes: chunk.to_vec(),
                start,
            });
        }
    }

    // Plans, then the tracks of every channel.
    let plans: Vec<Option<Plan>> = edges
        .iter()
        .map(
            |&(s, t)| match (cell.get(s).copied()?, cell.get(t).copied()?) {
                (Some(a), Some(b)) if s != t => Some(plan(s, t, a, b)),
                _ => None,
            },
        )
        .collect();
    let mut extents: BTreeMap<Channel, BTreeMap<Key, (usize, usize)>> = BTreeMap::new();
    for segment in plans.iter().flatten().flat_map(|p| &p.segments) {
        let extent = extents
            .entry(segment.channel)
            .or_default()
            .entry(segment.key)
            .or_insert((segment.from, segment.to));
        extent.0 = extent.0.min(segment.from);
        extent.1 = extent.1.max(segment.to);
    }
    let assigned: BTreeMap<Channel, (BTreeMap<Key, usize>, usize)> = extents
        .iter()
        .map(|(channel, keys)| (*channel, tracks(keys)))
        .collect();
    let track_count = |channel: Channel| assigned.get(&channel).map_or(0, |(_, n)| *n);

    // Columns and vertical channels, left to right.
    let mut channel_x = Vec::with_capacity(columns + 1);
    let mut channel_w = Vec::with_capacity(columns + 1);
    let mut column_x = Vec::with_capacity(columns);
    let mut x = 2.0 * MARGIN;
    for v in 0..=columns {
        let w = breadth(track_count(Channel::Vertical(v)), COLUMN_GAP);
        channel_x.push(x);
        channel_w.push(w);
        x += w;
        if v < columns {
            column_x.push(x);
            x += NODE_WIDTH;
        }
    }
    let width = (x + 2.0 * MARGIN).round();

    // Rows and horizontal channels, top to bottom; a band's label sits between the channel
    // above its first row and that row.
    let mut channel_y = Vec::with_capacity(rows.len() + 1);
    let mut channel_h = Vec::with_capacity(rows.len() + 1);
    let mut row_y = Vec::with_capacity(rows.len());
    let mut placed_bands: Vec<Band> = Vec::new();
    let mut y = MARGIN;
    for h in 0..=rows.len() {
        let opens_band = h < rows.len() && (h == 0 || rows[h - 1].band != rows[h].band);
        let closes_band = h == rows.len() || opens_band;
        let least = if closes_band && h > 0 {
            BAND_GAP + BAND_FOOT
        } else if h == 0 {
            BAND_FOOT
        } else {
            ROW_GAP
        };
        if closes_band && h > 0 {
            // The band above ends a little below its last row.
            if let Some(band) = placed_bands.last_mut() {
                band.h = y + BAND_FOOT - band.y;
            }
        }
        let size = breadth(track_count(Channel::Horizontal(h)), least);
        channel_y.push(y);
        channel_h.push(size);
        y += size;
        if h == rows.len() {
            break;
        }
        if opens_band {
            let band = &bands[rows[h].band];
            placed_bands.push(Band {
                label: band.label.clone(),
                national: band.national,
                y,
                h: 0.0,
            });
            y += BAND_LABEL;
        }
        row_y.push(y);
        let tallest = rows[h]
            .nodes
            .iter()
            .map(|&n| heights[n])
            .fold(NODE_HEIGHT, f64::max);
        y += tallest.round();
    }
    let height = (y + MARGIN).round();

    let mut nodes = vec![None; count];
    for (r, row) in rows.iter().enumerate() {
        for (i, &n) in row.nodes.iter().enumerate() {
            nodes[n] = Some(Rect {
                x: column_x[row.start + i],
                y: row_y[r],
                w: NODE_WIDTH,
                h: heights[n].max(NODE_HEIGHT).round(),
            });
        }
    }

    // Coordinates of the routes.
    let track_at = |segment: &Segment| -> f64 {
        let (keys, total) = &assigned[&segment.channel];
        let track = keys[&segment.key];
        match segment.channel {
            Channel::Horizontal(h) => channel_y[h] + offset(track, *total, channel_h[h]),
            Channel::Vertical(v) => channel_x[v] + offset(track, *total, channel_w[v]),
        }
    };
    let routes = plans
        .iter()
        .map(|plan| {
            let plan = plan.as_ref()?;
            let (source, target) = (nodes[plan.source]?, nodes[plan.target]?);
            let port = |rect: Rect, side: Side| {
                let y = match side {
                    Side::Top => rect.y,
                    Side::Bottom => rect.y + rect.h,
                };
                (rect.x + rect.w / 2.0, y)
            };
            let start = port(source, plan.exit);
            let end = port(target, plan.entry);
            let mut points = vec![start];
            match plan.segments.as_slice() {
                [only] => {
                    let y = track_at(only);
                    points.extend([(start.0, y), (end.0, y)]);
                }
                [first, vertical, last] => {
                    let (y1, x, y2) = (track_at(first), track_at(vertical), track_at(last));
                    points.extend([(start.0, y1), (x, y1), (x, y2), (end.0, y2)]);
                }
                _ => {}
            }
            points.push(end);
            points.dedup();
            // The words go on the first horizontal run, beside the source.
            let label = {
                let (a, b) = (points[1], points[2]);
                ((a.0 + b.0) / 2.0, a.1)
            };
            Some(Route { points, label })
        })
        .collect();

    Layout {
        nodes,
        routes,
        bands: placed_bands,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(label: &str, nodes: std::ops::Range<usize>) -> BandInput {
        BandInput {
            label: label.into(),
            national: false,
            nodes: nodes.collect(),
        }
    }

    /// Whether the open segment from `a` to `b` (horizontal or vertical) enters `r`.
    fn enters(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
        let (x1, x2) = (a.0.min(b.0), a.0.max(b.0));
        let (y1, y2) = (a.1.min(b.1), a.1.max(b.1));
        x2 > r.x && x1 < r.x + r.w && y2 > r.y && y1 < r.y + r.h
    }

    #[test]
    fn barycentres_untangle_a_crossing() {
        // Band 0: a, b; band 1: c, d; edges a–d, b–c cross in the given order.
        let bands = [band("top", 0..2), band("bottom", 2..4)];
        let layout = layered(&bands, &[NODE_HEIGHT; 4], &[(0, 3), (1, 2)]);
        let x = |n: usize| layout.nodes[n].map(|r| r.x).unwrap_or(f64::NAN);
        assert_eq!(x(0) < x(1), x(3) < x(2), "edges must not cross");
        assert!(layout.nodes.iter().all(Option::is_some));
    }

    #[test]
    fn wide_bands_wrap_into_the_grid_and_stay_inside() {
        let layout = layered(&[band("many", 0..20)], &[NODE_HEIGHT; 20], &[]);
        let rects: Vec<Rect> = layout.nodes.iter().flatten().copied().collect();
        assert_eq!(rects.len(), 20);
        assert!(
            rects
                .iter()
                .all(|r| r.x >= MARGIN && r.x + r.w <= layout.width - MARGIN)
        );
        let rows: std::collections::BTreeSet<i64> = rects.iter().map(|r| r.y as i64).collect();
        assert_eq!(rows.len(), 3);
        // Every box sits in one of the grid's PER_ROW columns.
        let columns: std::collections::BTreeSet<i64> = rects.iter().map(|r| r.x as i64).collect();
        assert_eq!(columns.len(), PER_ROW);
        assert!(layout.bands[0].h > 2.0 * NODE_HEIGHT);
    }

    #[test]
    fn boxes_are_as_tall_as_their_text_and_rows_make_room() {
        let heights = [NODE_HEIGHT, 130.0, NODE_HEIGHT];
        let layout = layered(&[band("a", 0..2), band("b", 2..3)], &heights, &[]);
        let r = |n: usize| layout.nodes[n].unwrap();
        assert_eq!(r(1).h, 130.0);
        assert_eq!(r(0).h, NODE_HEIGHT);
        assert_eq!(r(0).y, r(1).y, "one row, aligned at the top");
        assert!(
            r(2).y > r(1).y + r(1).h,
            "the next band starts below the tallest box"
        );
    }

    #[test]
    fn routes_are_orthogonal_end_at_their_boxes_and_cross_no_other_box() {
        // A hub below many sources, edges within a row both ways, and a long edge over a band.
        let bands = [
            band("top", 0..16),
            band("middle", 16..20),
            band("hub", 20..21),
        ];
        let mut edges: Vec<(usize, usize)> = (0..20).map(|n| (n, 20)).collect();
        edges.extend([(0, 1), (3, 2), (0, 15), (17, 16), (20, 5), (16, 0)]);
        let layout = layered(&bands, &[NODE_HEIGHT; 21], &edges);
        let rects: Vec<Rect> = layout.nodes.iter().map(|r| r.unwrap()).collect();
        for (i, &(s, t)) in edges.iter().enumerate() {
            let route = layout.routes[i].as_ref().expect("a route");
            let points = &route.points;
            let (first, last) = (points[0], *points.last().unwrap());
            let on_side = |p: (f64, f64), r: &Rect| {
                p.0 == r.x + r.w / 2.0 && (p.1 == r.y || p.1 == r.y + r.h)
            };
            assert!(
                on_side(first, &rects[s]),
                "edge {s}→{t} starts at its source"
            );
            assert!(on_side(last, &rects[t]), "edge {s}→{t} ends at its target");
            for pair in points.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                assert!(a.0 == b.0 || a.1 == b.1, "orthogonal: {a:?} → {b:?}");
                for (n, rect) in rects.iter().enumerate() {
                    assert!(
                        !enters(a, b, rect),
                        "edge {s}→{t} passes through node {n}: {a:?} → {b:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn overlapping_segments_get_their_own_tracks_and_a_hub_one_bus() {
        let mut extents = BTreeMap::new();
        extents.insert(Key::Into(9, Side::Top), (1, 9));
        extents.insert(Key::OutOf(1, Side::Bottom), (3, 4));
        extents.insert(Key::OutOf(2, Side::Bottom), (5, 6));
        extents.insert(Key::Into(8, Side::Top), (7, 11));
        let (assigned, count) = tracks(&extents);
        assert_eq!(count, 2);
        assert_ne!(
            assigned[&Key::Into(9, Side::Top)],
            assigned[&Key::OutOf(1, Side::Bottom)]
        );
        // 3..4 and 5..6 do not overlap: one track for both.
        assert_eq!(
            assigned[&Key::OutOf(1, Side::Bottom)],
            assigned[&Key::OutOf(2, Side::Bottom)]
        );
        // Twenty edges into one hub from one row below share one track in the channel.
        let bands = [band("hub", 0..1), band("spokes", 1..8)];
        let edges: Vec<(usize, usize)> = (1..8).map(|n| (n, 0)).collect();
        let layout = layered(&bands, &[NODE_HEIGHT; 8], &edges);
        let ys: std::collections::BTreeSet<i64> = layout
            .routes
            .iter()
            .flatten()
            .map(|r| r.points[1].1 as i64)
            .collect();
        assert_eq!(ys.len(), 1, "one bus into the hub");
    }

    #[test]
    fn same_input_same_layout() {
        let bands = [band("a", 0..9), band("b", 9..12)];
        let edges = [(0, 9), (1, 10), (2, 9), (9, 3), (11, 0)];
        let one = layered(&bands, &[NODE_HEIGHT; 12], &edges);
        let two = layered(&bands, &[NODE_HEIGHT; 12], &edges);
        assert_eq!(one.nodes, two.nodes);
        assert_eq!(one.routes, two.routes);
    }
}
