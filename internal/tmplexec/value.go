package tmplexec

import (
	"html/template"
	"reflect"
	"time"
)

// truth is text/template's isTrue: whether if and with take a value,
// and whether the value is one they can judge.
func truth(v any) (t, ok bool) {
	switch x := v.(type) {
	case nil:
		return false, true
	case bool:
		return x, true
	case string:
		return x != "", true
	case template.HTML:
		return x != "", true
	case int:
		return x != 0, true
	case time.Time:
		return true, true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return rv.Len() > 0, true
	case reflect.Bool:
		return rv.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return rv.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !rv.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return rv.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return rv.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

// sequence is what range iterates: a slice or an array.
type sequence struct {
	anys []any
	rv   reflect.Value
	n    int
}

func (q sequence) len() int { return q.n }

func (q sequence) at(i int) any {
	if q.anys != nil {
		return q.anys[i]
	}
	return q.rv.Index(i).Interface()
}

// elements returns the sequence range walks over v. Maps (walked in key
// order), channels, integers, functions and pointers are not handled.
func elements(v any) (sequence, bool) {
	switch x := v.(type) {
	case nil:
		return sequence{}, true // text/template: an invalid value is empty
	case []any:
		return sequence{anys: x, n: len(x)}, true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		return sequence{rv: rv, n: rv.Len()}, true
	}
	return sequence{}, false
}

// text returns the string of a string-kind value text/template compares
// as a string.
func text(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case template.HTML:
		return string(x), true
	}
	return "", false
}

// equal is eq on two values of the kinds handled: strings, ints, bools.
func equal(a, b any) bool {
	if x, ok := text(a); ok {
		if y, ok := text(b); ok {
			return x == y
		}
	}
	switch x := a.(type) {
	case int:
		if y, ok := b.(int); ok {
			return x == y
		}
	case bool:
		if y, ok := b.(bool); ok {
			return x == y
		}
	}
	fail("compare %T with %T", a, b)
	return false
}

// less is lt on two ints or two strings.
func less(a, b any) bool {
	if x, ok := text(a); ok {
		if y, ok := text(b); ok {
			return x < y
		}
	}
	if x, ok := a.(int); ok {
		if y, ok := b.(int); ok {
			return x < y
		}
	}
	fail("order %T and %T", a, b)
	return false
}

func length(v any) int {
	if s, ok := v.(string); ok {
		return len(s)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map, reflect.String:
		return rv.Len()
	}
	fail("len of %T", v)
	return 0
}

// index is index with one key into a map of string keys or one int into
// a slice: a missing key gives the zero value, as in text/template.
func index(item any, keys []any) any {
	if item == nil {
		fail("index of nil")
	}
	if len(keys) == 0 {
		return item
	}
	if len(keys) > 1 {
		fail("index with %d keys", len(keys))
	}
	rv := reflect.ValueOf(item)
	switch rv.Kind() {
	case reflect.Map:
		key, ok := keys[0].(string)
		if !ok || rv.Type().Key() != stringType {
			fail("index %T with %T", item, keys[0])
		}
		if x := rv.MapIndex(reflect.ValueOf(key)); x.IsValid() {
			return x.Interface()
		}
		return reflect.Zero(rv.Type().Elem()).Interface()
	case reflect.Slice, reflect.Array:
		i, ok := keys[0].(int)
		if !ok || i < 0 || i >= rv.Len() {
			fail("index %T with %v", item, keys[0])
		}
		return rv.Index(i).Interface()
	}
	fail("index %T", item)
	return nil
}
