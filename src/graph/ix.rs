//! Typed indices, one per element kind: a capability's index cannot index the systems, and a
//! per-system table cannot be read with a data set's index — mixing kinds does not compile.
//! [`IxVec`] is a table keyed by one kind's index; the model's lists are indexed by the same
//! types (`model.systems[s]` with `s: SystemIx`).
//!
//! ```
//! use kientruc::graph::{CapabilityIx, IxVec, SystemIx};
//! let providers: IxVec<CapabilityIx, Vec<SystemIx>> = IxVec::filled(Vec::new(), 1);
//! assert!(providers[CapabilityIx::new(0)].is_empty());
//! ```
//!
//! A system's index does not read a per-capability table:
//!
//! ```compile_fail
//! use kientruc::graph::{CapabilityIx, IxVec, SystemIx};
//! let providers: IxVec<CapabilityIx, Vec<SystemIx>> = IxVec::filled(Vec::new(), 1);
//! let _ = &providers[SystemIx::new(0)];
//! ```

use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use super::types::{Element, Kind};
use crate::model::{Agency, Capability, DataSet, Integration, Project, System};

/// An index into one kind's list.
pub trait Ix: Copy + Eq + Ord + std::hash::Hash + std::fmt::Debug {
    const KIND: Kind;
    /// The kinds a reference to this kind may name: this one.
    const EXPECTED: &'static [Kind];
    fn new(index: usize) -> Self;
    fn index(self) -> usize;
    /// The untyped element this index names.
    fn element(self) -> Element {
        Element {
            kind: Self::KIND,
            index: self.index(),
        }
    }
    /// The typed index of an element of this kind; `None` for an element of another kind.
    fn of(element: Element) -> Option<Self> {
        (element.kind == Self::KIND).then(|| Self::new(element.index))
    }
}

macro_rules! ix {
    ($(#[$doc:meta])* $name:ident, $kind:expr, $item:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl Ix for $name {
            const KIND: Kind = $kind;
            const EXPECTED: &'static [Kind] = &[$kind];
            fn new(index: usize) -> Self {
                debug_assert!(index <= u32::MAX as usize);
                $name(index as u32)
            }
            fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl $name {
            pub fn new(index: usize) -> Self {
                <Self as Ix>::new(index)
            }
            pub fn index(self) -> usize {
                <Self as Ix>::index(self)
            }
            pub fn element(self) -> Element {
                <Self as Ix>::element(self)
            }
        }

        impl From<$name> for Element {
            fn from(ix: $name) -> Element {
                ix.element()
            }
        }

        impl Index<$name> for Vec<$item> {
            type Output = $item;
            fn index(&self, ix: $name) -> &$item {
                &self[ix.index()]
            }
        }

        impl Index<$name> for [$item] {
            type Output = $item;
            fn index(&self, ix: $name) -> &$item {
                &self[ix.index()]
            }
        }

        impl IndexMut<$name> for Vec<$item> {
            fn index_mut(&mut self, ix: $name) -> &mut $item {
                &mut self[ix.index()]
            }
        }
    };
}

ix!(
    /// An agency's index in `model.agencies`.
    AgencyIx,
    Kind::Agency,
    Agency
);
ix!(
    /// A capability's index in `model.capabilities`.
    CapabilityIx,
    Kind::Capability,
    Capability
);
ix!(
    /// A data set's index in `model.data`.
    DataIx,
    Kind::Data,
    DataSet
);
ix!(
    /// A system's index in `model.systems`.
    SystemIx,
    Kind::System,
    System
);
ix!(
    /// A project's index in `model.projects`.
    ProjectIx,
    Kind::Project,
    Project
);

/// An integration's index in its system's `integrations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IntegrationIx(pub u32);

impl IntegrationIx {
    pub fn new(index: usize) -> Self {
        IntegrationIx(index as u32)
    }
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl Index<IntegrationIx> for Vec<Integration> {
    type Output = Integration;
    fn index(&self, ix: IntegrationIx) -> &Integration {
        &self[ix.index()]
    }
}

impl Element {
    pub fn agency(self) -> Option<AgencyIx> {
        AgencyIx::of(self)
    }
    pub fn capability(self) -> Option<CapabilityIx> {
        CapabilityIx::of(self)
    }
    pub fn data(self) -> Option<DataIx> {
        DataIx::of(self)
    }
    pub fn system(self) -> Option<SystemIx> {
        SystemIx::of(self)
    }
    pub fn project(self) -> Option<ProjectIx> {
        ProjectIx::of(self)
    }
}

/// A table with one entry per element of one kind, indexed by that kind's index only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IxVec<I, T> {
    items: Vec<T>,
    kind: PhantomData<fn(I)>,
}

impl<I: Ix, T> IxVec<I, T> {
    pub fn from_vec(items: Vec<T>) -> Self {
        IxVec {
            items,
            kind: PhantomData,
        }
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn get(&self, ix: I) -> Option<&T> {
        self.items.get(ix.index())
    }
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
    /// Every index with its entry, in order.
    pub fn iter_enumerated(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + '_ {
        self.items.iter().enumerate().map(|(i, t)| (I::new(i), t))
    }
    /// Every index, in order.
    pub fn indices(&self) -> impl DoubleEndedIterator<Item = I> + use<I, T> {
        (0..self.items.len()).map(I::new)
    }
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }
}

impl<I: Ix, T: Clone> IxVec<I, T> {
    pub fn filled(value: T, len: usize) -> Self {
        IxVec::from_vec(vec![value; len])
    }
}

impl<I: Ix, T> Index<I> for IxVec<I, T> {
    type Output = T;
    fn index(&self, ix: I) -> &T {
        &self.items[ix.index()]
    }
}

impl<I: Ix, T> IndexMut<I> for IxVec<I, T> {
    fn index_mut(&mut self, ix: I) -> &mut T {
        &mut self.items[ix.index()]
    }
}

impl<'a, I: Ix, T> IntoIterator for &'a IxVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// A list per element of one kind, all held in one array (where the lists of a kind start in
/// it, and their items): one table for the whole model, not one allocation per element.
/// `lists[i]` is element `i`'s list, as a slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IxLists<I, T> {
    /// Where each element's list starts in `items`, and one more: where the last one ends.
    starts: Vec<u32>,
    items: Vec<T>,
    kind: PhantomData<fn(I)>,
}

impl<I: Ix, T> IxLists<I, T> {
    /// The lists of `len` elements, from `(element, item)` pairs: each list holds its items in
    /// the order of the pairs (a stable sort, n·log n, linear when already in order).
    pub fn from_pairs(len: usize, mut pairs: Vec<(I, T)>) -> Self {
        pairs.sort_by_key(|(ix, _)| ix.index());
        let mut lists = IxListsBuilder::with_capacity(len, pairs.len());
        for (ix, item) in pairs {
            lists.push(ix, item);
        }
        lists.finish(len)
    }
    /// How many elements have a list.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// How many items all the lists hold.
    pub fn total(&self) -> usize {
        self.items.len()
    }
    /// Every index with its list, in order.
    pub fn iter_enumerated(&self) -> impl DoubleEndedIterator<Item = (I, &[T])> + '_ {
        (0..self.len()).map(|i| (I::new(i), &self[I::new(i)]))
    }
}

/// Builds [`IxLists`] from items pushed in the order of their elements (element 0's items,
/// then element 1's, …), with no pairs to hold or sort.
#[derive(Debug)]
pub struct IxListsBuilder<I, T> {
    starts: Vec<u32>,
    items: Vec<T>,
    kind: PhantomData<fn(I)>,
}

impl<I: Ix, T> IxListsBuilder<I, T> {
    /// A builder for `elements` lists holding about `items` items in all.
    pub fn with_capacity(elements: usize, items: usize) -> Self {
        let mut starts = Vec::with_capacity(elements + 1);
        starts.push(0);
        IxListsBuilder {
            starts,
            items: Vec::with_capacity(items),
            kind: PhantomData,
        }
    }
    /// Adds `item` to the list of `ix`, which is no element before the last one pushed to
    /// (an item for an earlier element goes to the last one's list).
    pub fn push(&mut self, ix: I, item: T) {
        debug_assert!(ix.index() + 1 >= self.starts.len(), "pushed out of order");
        while self.starts.len() <= ix.index() {
            self.starts.push(self.items.len() as u32);
        }
        self.items.push(item);
    }
    /// The lists of `len` elements (those no item was pushed to are empty).
    pub fn finish(mut self, len: usize) -> IxLists<I, T> {
        while self.starts.len() <= len {
            self.starts.push(self.items.len() as u32);
        }
        self.starts.truncate(len + 1);
        IxLists {
            starts: self.starts,
            items: self.items,
            kind: PhantomData,
        }
    }
}

impl<I: Ix, T> Default for IxLists<I, T> {
    fn default() -> Self {
        IxLists::from_pairs(0, Vec::new())
    }
}

impl<I: Ix, T> Index<I> for IxLists<I, T> {
    type Output = [T];
    /// The list of element `ix` (empty past the last element, as for an element without one).
    fn index(&self, ix: I) -> &[T] {
        let i = ix.index();
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&start), Some(&end)) => &self.items[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// A model element type and the index of its kind.
pub trait Item {
    type Ix: Ix;
}

macro_rules! item {
    ($($item:ty => $ix:ty),*) => {
        $(impl Item for $item {
            type Ix = $ix;
        })*
    };
}

item!(Agency => AgencyIx, Capability => CapabilityIx, DataSet => DataIx, System => SystemIx, Project => ProjectIx);

/// A model list with typed indices: `enumerate(&model.systems)` yields `(SystemIx, &System)`.
pub fn enumerate<T: Item>(items: &[T]) -> impl DoubleEndedIterator<Item = (T::Ix, &T)> + Clone {
    items.iter().enumerate().map(|(i, t)| (T::Ix::new(i), t))
}

/// A table with one entry per element of a model list, each `value`.
pub fn per<T: Item, V: Clone>(items: &[T], value: V) -> IxVec<T::Ix, V> {
    IxVec::filled(value, items.len())
}

/// Every index of a kind's list of `len` elements, in order.
pub fn all<I: Ix>(len: usize) -> impl DoubleEndedIterator<Item = I> + Clone {
    (0..len).map(I::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_table_is_read_with_its_own_index() {
        let mut live: IxVec<SystemIx, bool> = IxVec::filled(false, 3);
        live[SystemIx::new(2)] = true;
        assert_eq!(
            live.iter_enumerated()
                .filter(|(_, l)| **l)
                .map(|(s, _)| s)
                .collect::<Vec<_>>(),
            vec![SystemIx::new(2)]
        );
        let e = SystemIx::new(2).element();
        assert_eq!(e.kind, Kind::System);
        assert_eq!(e.system(), Some(SystemIx::new(2)));
        assert_eq!(e.capability(), None);
    }

    #[test]
    fn lists_keep_the_order_of_their_pairs_and_every_element_has_one() {
        let s = SystemIx::new;
        let lists: IxLists<SystemIx, char> =
            IxLists::from_pairs(4, vec![(s(2), 'a'), (s(0), 'b'), (s(2), 'c'), (s(0), 'd')]);
        assert_eq!(lists.len(), 4);
        assert_eq!(&lists[s(0)], &['b', 'd']);
        assert!(lists[s(1)].is_empty());
        assert_eq!(&lists[s(2)], &['a', 'c']);
        assert!(lists[s(3)].is_empty());
        // Past the last element: no list, and no panic.
        assert!(lists[s(9)].is_empty());
        let all: Vec<(usize, String)> = lists
            .iter_enumerated()
            .map(|(i, l)| (i.index(), l.iter().collect()))
            .collect();
        assert_eq!(
            all,
            vec![
                (0, "bd".to_string()),
                (1, String::new()),
                (2, "ac".to_string()),
                (3, String::new())
            ]
        );
        let none: IxLists<SystemIx, char> = IxLists::default();
        assert!(none.is_empty() && none[s(0)].is_empty());
    }
}
