//! A serde `Deserializer` over the loader's [`Node`] tree. It hands spans to
//! [`crate::model::Spanned`] fields and attaches the span of the innermost offending value to
//! every error, with a "did you mean" for unknown keys and enum values.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

use super::yaml::{Node, Value};
use crate::i18n::Said;
use crate::model::{SPANNED_END, SPANNED_NAME, SPANNED_START, SPANNED_VALUE, Span};

#[derive(Debug, Clone)]
pub struct DeError {
    pub message: String,
    /// The message in both languages, when it was made here rather than by serde.
    pub said: Option<Said>,
    pub help: Option<String>,
    pub span: Option<Span>,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            said: None,
            help: None,
            span: None,
        }
    }
    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::wrong(unexpected, expected)
    }
    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::wrong(unexpected, expected)
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let field = crate::text::clip(field);
        DeError {
            message: format!("unknown key `{field}`"),
            said: Some(Said::new(
                format!("khoá không hợp lệ `{field}`"),
                format!("unknown key `{field}`"),
            )),
            help: Some(suggest_help(&field, expected.iter().copied()).en),
            span: None,
        }
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let variant = crate::text::clip(variant);
        DeError {
            message: format!("unknown value `{variant}`"),
            said: Some(Said::new(
                format!("giá trị không hợp lệ `{variant}`"),
                format!("unknown value `{variant}`"),
            )),
            help: Some(suggest_help(&variant, expected.iter().copied()).en),
            span: None,
        }
    }
}

impl DeError {
    /// A value of the wrong type or out of range, said in both languages.
    fn wrong(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        let expected = expected.to_string();
        let (vi, en) = match expected.as_str() {
            "u8" | "u16" | "u32" | "u64" | "usize" => (
                format!("số nguyên từ 0 tới {}", u64::MAX),
                format!("a whole number from 0 to {}", u64::MAX),
            ),
            "i8" | "i16" | "i32" | "i64" | "isize" => {
                ("số nguyên".to_string(), "a whole number".to_string())
            }
            other => (other.to_string(), other.to_string()),
        };
        let found = crate::text::clip(&unexpected.to_string()).into_owned();
        DeError {
            message: format!("expected {en}, found {found}"),
            said: Some(Said::new(
                format!("cần {vi}, nhưng gặp {found}"),
                format!("expected {en}, found {found}"),
            )),
            help: None,
            span: None,
        }
    }
}

/// "did you mean `x`?" when one candidate is close, else the list of what is allowed.
pub fn suggest_help<'a>(found: &str, expected: impl Iterator<Item = &'a str> + Clone) -> Said {
    match crate::suggest::nearest(found, expected.clone()) {
        Some(best) => Said::new(
            format!("có phải ý bạn là `{best}`?"),
            format!("did you mean `{best}`?"),
        ),
        None => {
            let list: Vec<String> = expected
                .map(|e| format!("`{}`", crate::text::clip(e)))
                .collect();
            Said::new(
                format!("giá trị được phép: {}", list.join(", ")),
                format!("expected one of {}", list.join(", ")),
            )
        }
    }
}

impl DeError {
    fn at(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }
}

pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(node)
}

macro_rules! forward_to_any {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.deserialize_any(visitor)
        })*
    };
}

impl<'de> Deserializer<'de> for &'de Node {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_borrowed_str(s),
            Value::Seq(items) => visitor.visit_seq(Seq {
                items: items.iter(),
            }),
            Value::Map(entries) => visitor.visit_map(Map {
                entries: entries.iter(),
                value: None,
            }),
        };
        result.map_err(|e| e.at(self.span))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|e| e.at(self.span))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == SPANNED_NAME {
            return visitor.visit_map(SpannedAccess {
                node: self,
                step: 0,
            });
        }
        let _ = fields;
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let result = match &self.value {
            Value::Str(s) => visitor.visit_enum(UnitVariant(s)),
            Value::Float(_) | Value::Int(_) => {
                let text = self.scalar_text();
                visitor.visit_enum(UnitVariant(&text)).map_err(|e| DeError {
                    help: Some(format!("write it as a string: \"{text}\"")),
                    ..e
                })
            }
            other => Err(de::Error::custom(format!(
                "expected a word, found {}",
                other.kind()
            ))),
        };
        result.map_err(|e| e.at(self.span))
    }

    forward_to_any! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32
        deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }
}

struct Seq<'de> {
    items: std::slice::Iter<'de, Node>,
}

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(node) => seed
                .deserialize(node)
                .map(Some)
                .map_err(|e| e.at(node.span)),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map<'de> {
    entries: std::slice::Iter<'de, (Node, Node)>,
    value: Option<&'de Node>,
}

impl<'de> MapAccess<'de> for Map<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(key).map(Some).map_err(|e| e.at(key.span))
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = self
            .value
            .take()
            .ok_or_else(|| <DeError as de::Error>::custom("a value without its key"))?;
        seed.deserialize(value).map_err(|e| e.at(value.span))
    }
}

/// Feeds a `Spanned<T>` its start, end and value.
struct SpannedAccess<'de> {
    node: &'de Node,
    step: u8,
}

impl<'de> MapAccess<'de> for SpannedAccess<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let key = match self.step {
            0 => SPANNED_START,
            1 => SPANNED_END,
            2 => SPANNED_VALUE,
            _ => return Ok(None),
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let step = self.step;
        self.step += 1;
        match step {
            0 => seed.deserialize(self.node.span.start.into_deserializer()),
            1 => seed.deserialize(self.node.span.end.into_deserializer()),
            _ => seed.deserialize(self.node),
        }
    }
}

struct UnitVariant<'a>(&'a str);

impl<'de> EnumAccess<'de> for UnitVariant<'_> {
    type Error = DeError;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        let value = seed.deserialize(self.0.into_deserializer())?;
        Ok((value, self))
    }
}

impl<'de> VariantAccess<'de> for UnitVariant<'_> {
    type Error = DeError;
    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, DeError> {
        Err(de::Error::custom("expected a plain word"))
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, DeError> {
        Err(de::Error::custom("expected a plain word"))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, DeError> {
        Err(de::Error::custom("expected a plain word"))
    }
}
