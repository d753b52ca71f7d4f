//! Results as rows, for Python: uniffi's generated Python lifts a record field by field from a
//! buffer (a few Python calls per field: ~38 ms for 1,003 orders), so Python takes a result as
//! JSON instead, parses it with one `json.loads` and builds uniffi's own record classes from
//! it (`psb_hosting/_rows.py`). To keep that parse small, a record is written as an array of
//! its fields in declaration order, the order of uniffi's constructors; values are uniffi's
//! (psb-model's `with_ffi_values`): vocabularies by English name, amounts as decimal text,
//! timestamps as Unix milliseconds. A union is `[variant index, "PayloadRecord", payload]`, a
//! field serde skips (an empty optional) is `null`, and a raw JSON value is its text.
//!
//! Kotlin lifts uniffi's records as they are (fast on the JVM) and never calls these.

use serde::ser::{self, Serialize};
use std::fmt::Display;
use std::io::Write as _;

/// `value` as rows.
pub(crate) fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, crate::PsbError> {
    let mut out = Vec::with_capacity(4096);
    psb_model::with_ffi_values(|| value.serialize(&mut Rows { out: &mut out, name_next: false }))
        .map_err(|e| crate::error::invalid_argument(format!("cannot hand the result to Python: {e}")))?;
    Ok(out)
}

#[derive(Debug)]
struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// serde_json's way of carrying a `RawValue` through a serializer.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

struct Rows<'a> {
    out: &'a mut Vec<u8>,
    /// The next struct is a union's payload: write its name before it.
    name_next: bool,
}

impl Rows<'_> {
    fn json<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        serde_json::to_writer(&mut *self.out, v).map_err(|e| Error(e.to_string()))
    }
}

/// A sequence, a tuple, a record or a variant's fields being written: the commas between them.
struct Seq<'r, 'a> {
    rows: &'r mut Rows<'a>,
    first: bool,
    /// Closing brackets: one for an array, two for a variant (`[index, [fields]]`).
    close: &'static [u8],
}

impl Seq<'_, '_> {
    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        if !std::mem::take(&mut self.first) {
            self.rows.out.push(b',');
        }
        v.serialize(&mut *self.rows)
    }
    fn finish(self) -> Result<(), Error> {
        self.rows.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl<'r, 'a> ser::Serializer for &'r mut Rows<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'r, 'a>;
    type SerializeTuple = Seq<'r, 'a>;
    type SerializeTupleStruct = Seq<'r, 'a>;
    type SerializeTupleVariant = Seq<'r, 'a>;
    type SerializeMap = Map<'r, 'a>;
    type SerializeStruct = Struct<'r, 'a>;
    type SerializeStructVariant = Seq<'r, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.json(&v)
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.json(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.json(v)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Result<(), Error> {
        self.json(&index)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.out.push(b'[');
        self.json(&index)?;
        self.out.push(b',');
        self.name_next = true;
        v.serialize(&mut *self)?;
        self.out.push(b']');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'r, 'a>, Error> {
        self.out.push(b'[');
        Ok(Seq { rows: self, first: true, close: b"]" })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'r, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'r, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Seq<'r, 'a>, Error> {
        let _ = write!(self.out, "[{index},[");
        Ok(Seq { rows: self, first: true, close: b"]]" })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'r, 'a>, Error> {
        self.out.push(b'{');
        Ok(Map { rows: self, first: true })
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Struct<'r, 'a>, Error> {
        if name == RAW_VALUE {
            return Ok(Struct::Raw(self));
        }
        if std::mem::take(&mut self.name_next) {
            self.json(name)?;
            self.out.push(b',');
        }
        self.out.push(b'[');
        Ok(Struct::Fields(Seq { rows: self, first: true, close: b"]" }))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Seq<'r, 'a>, Error> {
        self.serialize_tuple_variant("", index, "", 0)
    }
}

/// The sequence-like traits, all written by `Seq` alike.
macro_rules! elements {
    ($($trait:ident :: $method:ident),+) => {$(
        impl ser::$trait for Seq<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
                self.element(v)
            }
            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        }
    )+};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeStructVariant for Seq<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, v: &T) -> Result<(), Error> {
        self.element(v)
    }
    fn skip_field(&mut self, _: &'static str) -> Result<(), Error> {
        self.element(&())
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

/// A record (its fields in order, a skipped one as `null`), or serde_json's raw JSON value,
/// written as its text: the field it fills is a string on the Python side.
enum Struct<'r, 'a> {
    Fields(Seq<'r, 'a>),
    Raw(&'r mut Rows<'a>),
}

impl ser::SerializeStruct for Struct<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, v: &T) -> Result<(), Error> {
        match self {
            Struct::Fields(seq) => seq.element(v),
            // The raw value's one field is its text, handed over as a string.
            Struct::Raw(rows) => {
                let text = v.serialize(serde_json::value::Serializer).map_err(|e| Error(e.to_string()))?;
                rows.json(&text)
            }
        }
    }
    fn skip_field(&mut self, _: &'static str) -> Result<(), Error> {
        match self {
            Struct::Fields(seq) => seq.element(&()),
            Struct::Raw(_) => Ok(()),
        }
    }
    fn end(self) -> Result<(), Error> {
        match self {
            Struct::Fields(seq) => seq.finish(),
            Struct::Raw(_) => Ok(()),
        }
    }
}

/// A map (string keys, as uniffi's maps in this API are): a JSON object.
struct Map<'r, 'a> {
    rows: &'r mut Rows<'a>,
    first: bool,
}

impl ser::SerializeMap for Map<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        if !std::mem::take(&mut self.first) {
            self.rows.out.push(b',');
        }
        let start = self.rows.out.len();
        key.serialize(&mut *self.rows)?;
        if self.rows.out.get(start) != Some(&b'"') {
            return Err(Error("a map key that is not a string".into()));
        }
        self.rows.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut *self.rows)
    }
    fn end(self) -> Result<(), Error> {
        self.rows.out.push(b'}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::encode;
    use psb_model::{IssuedOrder, Order};

    fn order() -> Order {
        serde_json::from_str(
            r#"{"id":1,"order_id":"AB","user_id":2,"product":{"id":3,"title":"NL-300","price":20.5,
            "type":"PSB VPS","country":"NL"},"auto_refresh":false,"status":"Заказ выдан",
            "date_create":"2025-01-01T00:00:00.250+00:00",
            "issued_order":{"id":4,"ip":"10.0.0.1","port":"22","superuser":"root","password":"pw","order_id":1}}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_record_is_its_fields_in_order_with_uniffis_values() {
        let rows = String::from_utf8(encode(&vec![order()]).unwrap()).unwrap();
        assert_eq!(
            rows,
            r#"[[1,"AB",2,[3,"NL-300","20.5",null,"PsbVps","NL",null,null],null,null,null,null,"",null,false,"Issued",1735689600250,null,[0,"IssuedVps",[4,"10.0.0.1",22,"root","pw",1,null,null]]]]"#
        );
        assert!(matches!(order().issued_order, Some(IssuedOrder::Vps(_))));
    }

    #[test]
    fn the_apis_shape_is_untouched_outside() {
        let json = serde_json::to_string(&order()).unwrap();
        assert!(json.contains(r#""status":"Заказ выдан""#) && json.contains(r#""price":20.5"#), "{json}");
        assert!(json.contains(r#""issued_order":{"id":4"#), "{json}");
    }
}
