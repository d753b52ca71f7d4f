//! How an FFI integer becomes the integer a `psb` method takes. Every integer crosses as `i64`
//! (no unsigned types in the languages' signatures); one that does not fit the narrower type
//! psb takes is saturated, so it stays out of range and psb's own check rejects it by name
//! (an InvalidArgument) instead of wrapping around to a valid-looking value.

pub trait Arg<T> {
    fn arg(self) -> T;
}

impl Arg<i64> for i64 {
    fn arg(self) -> i64 {
        self
    }
}

impl Arg<u32> for i64 {
    fn arg(self) -> u32 {
        self.clamp(0, i64::from(u32::MAX)) as u32
    }
}

impl<T> Arg<Option<T>> for Option<i64>
where
    i64: Arg<T>,
{
    fn arg(self) -> Option<T> {
        self.map(Arg::arg)
    }
}
